package io.sequor.api.enrolments;

import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import java.time.Instant;
import java.util.UUID;

/** One line of the enrolment list, as the store has it. */
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
}
