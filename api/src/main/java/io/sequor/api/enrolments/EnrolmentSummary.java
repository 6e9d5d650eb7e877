package io.sequor.api.enrolments;

import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of the enrolment list, as the store has it. */
@Schema(
    example =
        """
          {"id": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "status": "STOPPED", "stopReason": "REPLIED",
           "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de",
           "sequenceVersionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
           "prospectId": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11", "seatId": "default",
           "createdAt": "2026-11-26T09:00:00Z", "updatedAt": "2026-11-28T14:12:00Z"}""")
record EnrolmentSummary(
    UUID id,
    EnrolmentStatus status,
    StopReason stopReason,
    UUID sequenceId,
    UUID sequenceVersionId,
    UUID prospectId,
    String seatId,
    Instant createdAt,
    Instant updatedAt) {

  static EnrolmentSummary of(EnrolmentRecord e) {
    return new EnrolmentSummary(
        e.id(),
        e.status(),
        e.stopReason(),
        e.sequenceId(),
        e.sequenceVersionId(),
        e.prospectId(),
        e.seatId(),
        e.createdAt(),
        e.updatedAt());
  }

  /**
   * One page of the enrolment list.
   *
   * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
   */
  @Schema(
      example =
          """
          {"items": [{"id": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "status": "ACTIVE",
                      "stopReason": null, "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de",
                      "sequenceVersionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                      "prospectId": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11", "seatId": "default",
                      "createdAt": "2026-11-26T09:00:00Z", "updatedAt": "2026-11-26T09:00:02Z"}],
           "nextCursor": "MjAyNi0xMS0yNlQwOTowMDowMFp8MmQ0ZjZhOGMtMWIzZS00ZDVmLThhN2MtOWUwYjFkMmYzYTRj"}""")
  record Page(List<EnrolmentSummary> items, String nextCursor) {}
}
