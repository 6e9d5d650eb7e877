package io.sequor.api.linkedin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** What the webhook did with a delivery. */
@Schema(
    description = "What Sequor did with the event",
    example =
        """
        {"outcome": "RECORDED", "eventId": "evt_01",
         "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c",
         "responseId": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"}""")
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
