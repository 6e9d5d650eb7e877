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

  @Schema(
      description = "Enrol one prospect: give prospectId or an inline prospect, not both",
      example =
          """
          {"sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de",
           "prospect": {"email": "ada@example.com", "linkedinUrl": "https://www.linkedin.com/in/ada-example",
                        "firstName": "Ada", "company": "Analytical Engines", "timezone": "Europe/London",
                        "checklist": {"trigger": "your new Head of Sales role"}},
           "seatId": "default", "mailboxId": "default"}""")
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

  @Schema(
      description = "Something the prospect did",
      example =
          """
          {"channel": "EMAIL", "kind": "AUTO_REPLY", "occurredAt": "2026-11-27T08:00:00Z",
           "returnDate": "2026-12-03", "text": "Out of office until 3 December"}""")
  record RecordResponse(
      Medium channel,
      ResponseKind kind,
      @Schema(description = "When it happened; now when absent") Instant occurredAt,
      @Schema(description = "Out-of-office only: when the prospect is back") Instant returnAt,
      @Schema(description = "Out-of-office only: the day the prospect is back (start of day UTC)")
          LocalDate returnDate,
      String text) {}
}
