package io.sequor.api.enrolments;

import io.sequor.api.ScheduleExample;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.schedule.ScheduleData;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request bodies for enrolments. */
final class EnrolmentRequests {
  private EnrolmentRequests() {}

  @Schema(description = "Enrol one prospect: give prospectId or an inline prospect, not both")
  record Enrol(
      UUID sequenceId,
      @Schema(description = "Version to enrol on; the latest when absent") Integer version,
      UUID prospectId,
      ProspectData prospect,
      @Schema(description = "LinkedIn seat to send from; the default seat when absent")
          String seatId,
      @Schema(description = "Mailbox to send email from; the default mailbox when absent")
          String mailboxId,
      @Schema(
              description =
                  "A pool of mailboxes instead of mailboxId: the enrolment gets the enabled one"
                      + " with the fewest enrolments assigned today, and keeps it")
          List<String> mailboxIds,
      @Schema(
              description =
                  "When steps may go out, in the prospect's local time (docs/scheduling.md);"
                      + " without one each step is due at enrolment + its day offset",
              example = ScheduleExample.JSON)
          ScheduleData schedule) {}

  @Schema(description = "Something the prospect did")
  record RecordResponse(
      Medium channel,
      ResponseKind kind,
      @Schema(description = "When it happened; now when absent") Instant occurredAt,
      @Schema(description = "Out-of-office only: when the prospect is back") Instant returnAt,
      @Schema(description = "Out-of-office only: the day the prospect is back (start of day UTC)")
          LocalDate returnDate,
      String text) {}
}
