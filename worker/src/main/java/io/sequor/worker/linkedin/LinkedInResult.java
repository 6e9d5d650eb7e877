package io.sequor.worker.linkedin;

/** What the provider made of a send. Out of credits and blocked recipients are kept apart. */
public record LinkedInResult(Kind kind, String providerMessageId, String detail) {

  public enum Kind {
    SENT,
    OUT_OF_CREDITS,
    RECIPIENT_BLOCKS_INMAIL,
    RATE_LIMITED,
    FAILED
  }

  public static LinkedInResult sent(String providerMessageId) {
    return new LinkedInResult(Kind.SENT, providerMessageId, null);
  }
}
