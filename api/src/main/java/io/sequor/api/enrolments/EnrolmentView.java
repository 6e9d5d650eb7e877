package io.sequor.api.enrolments;

import io.sequor.domain.addresses.EmailVerification;
import io.sequor.domain.enrolments.ResponseRecord;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StepState;
import io.sequor.workflows.enrolment.StopReason;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(
    example =
        """
          {"id": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "status": "ACTIVE", "stopReason": null,
           "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de", "sequenceVersion": 1,
           "prospectId": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11",
           "prospectEmail": {"verdict": "VALID",
                  "reasons": [{"code": "mx",
                               "text": "the domain example.com names its mail servers (MX records)"}],
                  "verifiedAt": "2026-11-26T09:00:00Z"},
           "seatId": "default", "mailboxId": "default", "createdAt": "2026-11-26T09:00:00Z",
           "pausedUntil": null, "emailBranchStopped": false, "listeningUntil": null,
           "steps": [
             {"key": "day-0-inmail", "channel": "LINKEDIN_INMAIL", "dayOffset": 0, "status": "SENT",
              "plannedAt": "2026-11-26T09:00:00Z", "sentAt": "2026-11-26T09:00:02Z", "detail": null,
              "creditSpent": true, "creditRefunded": false, "route": "PLANNED", "plan": null},
             {"key": "email-day-1", "channel": "EMAIL", "dayOffset": 1, "status": "PENDING",
              "plannedAt": "2026-11-27T09:00:00Z", "sentAt": null, "detail": null,
              "creditSpent": false, "creditRefunded": false, "route": "PLANNED", "plan": null}],
           "responses": [],
           "credits": {"spent": 1, "refunded": 0, "inRefundWindow": 1, "net": 1},
           "live": true}""")
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
