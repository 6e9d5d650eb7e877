package io.sequor.inbound;

import java.time.Instant;

/** STUB: replaced by the classifier module's own version. */
public record Classification(
    Kind kind,
    Instant returnAt,
    String statusCode,
    String bouncedRecipient,
    String originalMessageId,
    String reason) {

  public enum Kind {
    OWN_MESSAGE,
    AUTO_REPLY,
    BOUNCE_PERMANENT,
    BOUNCE_TRANSIENT,
    UNSUBSCRIBE,
    REPLY
  }
}
