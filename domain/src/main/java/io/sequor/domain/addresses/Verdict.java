package io.sequor.domain.addresses;

/** What a check of an email address concluded. */
public enum Verdict {
  /** Well formed, and its domain accepts mail. Whether the mailbox exists is not checked. */
  VALID,
  /** Deliverable as far as can be told, but a poor target: a role address, a disposable domain. */
  RISKY,
  /** Mail cannot arrive: bad syntax, no such domain, or a domain that accepts no mail. */
  INVALID,
  /** The domain could not be checked (DNS timed out, failed or was unreachable); never INVALID. */
  UNKNOWN
}
