package io.sequor.worker.linkedin;

import java.time.Duration;

/**
 * What the provider made of a send. Out of credits and blocked recipients are kept apart.
 *
 * @param retryAfter for {@code RATE_LIMITED}: how long the provider asked Sequor to wait (its
 *     {@code Retry-After}), or null when it did not say
 */
public record LinkedInResult(
    Kind kind, String providerMessageId, String detail, Duration retryAfter) {

  public enum Kind {
    SENT,
    OUT_OF_CREDITS,
    RECIPIENT_BLOCKS_INMAIL,
    RATE_LIMITED,
    FAILED
  }

  public LinkedInResult(Kind kind, String providerMessageId, String detail) {
    this(kind, providerMessageId, detail, null);
  }

  public static LinkedInResult sent(String providerMessageId) {
    return new LinkedInResult(Kind.SENT, providerMessageId, null);
  }

  /**
   * The seat is rate limited; {@code retryAfter} is the provider's hint, null when it gave none.
   */
  public static LinkedInResult rateLimited(Duration retryAfter, String detail) {
    return new LinkedInResult(Kind.RATE_LIMITED, null, detail, retryAfter);
  }
}
