package io.sequor.api.linkedin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** What the webhook did with a delivery. */
@Schema(description = "What Sequor did with the event")
record Receipt(
    Outcome outcome,
    String eventId,
    @Schema(description = "The enrolment the event matched") UUID enrolmentId,
    @Schema(description = "The response it was recorded as") UUID responseId) {

  enum Outcome {
    /** Matched a send and recorded as a response of its enrolment. */
    RECORDED,
    /** This event id was received before; nothing changed. */
    DUPLICATE,
    /** Matched no send; stored for review. Answered 202. */
    UNMATCHED,
    /** A type Sequor does not act on; not stored. */
    IGNORED
  }

  static Receipt of(Outcome outcome, String eventId) {
    return new Receipt(outcome, eventId, null, null);
  }
}
