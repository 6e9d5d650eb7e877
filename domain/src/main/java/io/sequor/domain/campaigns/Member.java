package io.sequor.domain.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * What a campaign's launch decided for one prospect.
 *
 * @param reason why it was skipped; null when enrolled
 * @param detail the specifics: the missing placeholder, the other enrolment, ...
 */
public record Member(
    UUID prospectId,
    int position,
    Outcome outcome,
    SkipReason reason,
    String detail,
    UUID enrolmentId,
    Instant decidedAt) {

  /** Enrolled or skipped. */
  public enum Outcome {
    ENROLLED,
    SKIPPED
  }
}
