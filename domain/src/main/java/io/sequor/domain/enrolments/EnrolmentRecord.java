package io.sequor.domain.enrolments;

import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import java.time.Instant;
import java.util.UUID;

/**
 * An enrolment as the store knows it.
 *
 * @param mailboxId the mailbox its email goes out from; null for enrolments made before mailboxes
 *     existed, which send from the default one
 */
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
    Instant updatedAt,
    String mailboxId) {}
