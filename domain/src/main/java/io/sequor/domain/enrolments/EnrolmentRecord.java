package io.sequor.domain.enrolments;

import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import java.time.Instant;
import java.util.UUID;

/** An enrolment as the store knows it. */
public record EnrolmentRecord(
    UUID id,
    UUID prospectId,
    UUID sequenceId,
    UUID sequenceVersionId,
    String seatId,
    EnrolmentStatus status,
    StopReason stopReason,
    String idempotencyKey,
    String requestFingerprint,
    Instant createdAt,
    Instant updatedAt) {}
