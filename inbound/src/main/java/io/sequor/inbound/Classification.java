package io.sequor.inbound;

import java.time.Instant;

/**
 * What an inbound message is, and what the rule that decided it read from it.
 *
 * @param kind what the message is
 * @param returnAt for an {@link Kind#AUTO_REPLY}, when the sender says they are back (start of that
 *     day, or the stated time, in the zone of the message's {@code Date} header, else UTC); null
 *     when no return date was given
 * @param statusCode for a bounce, the enhanced status code ({@code 5.1.1}) or, when the bounce
 *     gives none, the SMTP reply code ({@code 550}); null when it gives neither
 * @param bouncedRecipient for a bounce, the address that could not be reached, lower-case; null
 *     when the bounce does not say
 * @param originalMessageId the Message-ID, with its angle brackets, of our message this one bounces
 *     or answers: for a bounce, the one the report quotes; otherwise the {@code In-Reply-To} or
 *     {@code References} id on one of our domains; null when there is none
 * @param reason which rule fired, short and free of the message's personal data
 */
public record Classification(
    Kind kind,
    Instant returnAt,
    String statusCode,
    String bouncedRecipient,
    String originalMessageId,
    String reason) {

  /** The kinds of inbound message, in the order the classifier tests for them. */
  public enum Kind {
    /** A copy of a message Sequor sent or generated. Never a reply. */
    OWN_MESSAGE,
    /** An out-of-office or other automatic answer. Never a reply, never a bounce. */
    AUTO_REPLY,
    /**
     * A machine's notice about a message that arrived: a delivery report without a failure, a read
     * receipt. Nothing to act on.
     */
    NOTICE,
    /** The address cannot be reached (5.x.x). */
    BOUNCE_PERMANENT,
    /** Delivery is delayed or failed for a reason that may pass (4.x.x). */
    BOUNCE_TRANSIENT,
    /** The sender asks to hear no more from us. */
    UNSUBSCRIBE,
    /** Anything else: a person answered. */
    REPLY
  }

  static Classification of(Kind kind, String reason) {
    return new Classification(kind, null, null, null, null, reason);
  }

  Classification answering(String messageId) {
    return new Classification(kind, returnAt, statusCode, bouncedRecipient, messageId, reason);
  }
}
