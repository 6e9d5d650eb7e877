package io.sequor.api.enrolments;

import io.sequor.domain.addresses.EmailVerification;
import io.sequor.domain.enrolments.ResponseRecord;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StepState;
import io.sequor.workflows.enrolment.StopReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An enrolment, its timeline and its credit account.
 *
 * @param prospectEmail the verdict on the prospect's email address from its last check; absent when
 *     the prospect has no address or it was never checked
 * @param live whether the state comes from the running workflow (true) or from the store (false)
 */
record EnrolmentView(
    UUID id,
    EnrolmentStatus status,
    StopReason stopReason,
    UUID sequenceId,
    int sequenceVersion,
    UUID prospectId,
    EmailVerification prospectEmail,
    String seatId,
    String mailboxId,
    Instant createdAt,
    Instant pausedUntil,
    boolean emailBranchStopped,
    Instant listeningUntil,
    List<StepState> steps,
    List<ResponseRecord> responses,
    Credits credits,
    boolean live) {

  /** InMail credits: spent, refunded, still inside a refund window, and net of refunds. */
  record Credits(int spent, int refunded, int inRefundWindow, int net) {}
}
