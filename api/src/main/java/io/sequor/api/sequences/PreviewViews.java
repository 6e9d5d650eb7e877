package io.sequor.api.sequences;

import io.sequor.api.ScheduleExample;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.schedule.ScheduleData;
import io.sequor.domain.sequences.Warning;
import io.sequor.workflows.sequence.Channel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and answer of a sequence preview (dry run). */
final class PreviewViews {
  private PreviewViews() {}

  static final String REQUEST_EXAMPLE =
      "{\"prospect\":{\"email\":\"ada@example.com\",\"linkedinUrl\":"
          + "\"https://www.linkedin.com/in/ada\",\"firstName\":\"Ada\",\"company\":"
          + "\"Analytical Engines\",\"timezone\":\"America/New_York\",\"country\":\"US\","
          + "\"fields\":{\"trigger\":\"your new Head of Sales role\"}},"
          + "\"schedule\":"
          + ScheduleExample.JSON
          + ",\"startAt\":\"2027-11-24T15:00:00Z\"}";

  static final String RESPONSE_EXAMPLE =
      "{\"sequenceId\":\"5e0c1a52-0000-4000-8000-000000000001\",\"version\":1,"
          + "\"prospectId\":null,\"startAt\":\"2027-11-24T15:00:00Z\",\"seatId\":\"default\","
          + "\"mailboxId\":\"default\",\"scheduled\":true,\"credits\":4,\"refusals\":[],"
          + "\"warnings\":[],\"steps\":[{\"key\":\"day-0-inmail\",\"channel\":\"LINKEDIN_INMAIL\","
          + "\"dayOffset\":0,\"subject\":\"Analytical Engines after your new Head of Sales role\","
          + "\"body\":\"Hi Ada, ...\",\"plannedAt\":\"2027-11-24T15:00:00Z\","
          + "\"plannedLocal\":\"2027-11-24T10:00-05:00[America/New_York]\","
          + "\"plan\":\"planned for 2027-11-24T10:00-05:00[America/New_York]\","
          + "\"route\":[\"InMail from seat default: 1 credit, refunded on a response\","
          + "\"without a credit: sent as an email instead\"],\"warnings\":[],\"credits\":1,"
          + "\"variants\":[{\"key\":\"B\",\"subject\":\"Quick question, Ada\","
          + "\"body\":\"Hi Ada, ...\"}]},"
          + "{\"key\":\"email-day-1\",\"channel\":\"EMAIL\",\"dayOffset\":1,"
          + "\"subject\":\"Analytical Engines after your new Head of Sales role\","
          + "\"body\":\"Hi Ada, ...\",\"plannedAt\":\"2027-11-26T15:00:00Z\","
          + "\"plannedLocal\":\"2027-11-26T10:00-05:00[America/New_York]\","
          + "\"plan\":\"planned for 2027-11-26T10:00-05:00[America/New_York]; skipped"
          + " 2027-11-25, a public holiday in US (Thanksgiving)\","
          + "\"route\":[\"email from mailbox default\"],\"warnings\":[],\"credits\":0,"
          + "\"variants\":[]}]}";

  /**
   * @param startAt the enrolment's start the times are planned from; now when absent
   */
  @Schema(
      description =
          "A dry run: give prospectId or an inline prospect (never stored), optionally a seat, a"
              + " mailbox, a schedule and a start")
  record PreviewRequest(
      @Schema(description = "Version to preview; the latest when absent") Integer version,
      UUID prospectId,
      ProspectData prospect,
      @Schema(description = "LinkedIn seat; the default seat when absent") String seatId,
      @Schema(description = "Mailbox; the default mailbox when absent") String mailboxId,
      @Schema(
              description = "Schedule as an enrolment would get it; due at start + days without",
              example = ScheduleExample.JSON)
          ScheduleData schedule,
      @Schema(description = "When the enrolment would start; now when absent") Instant startAt) {}

  /**
   * @param credits InMail credits the whole run would spend (before any refund)
   * @param refusals what would make an enrolment of this prospect be refused
   * @param warnings soft copy rules the version breaks
   */
  record Preview(
      UUID sequenceId,
      int version,
      UUID prospectId,
      Instant startAt,
      String seatId,
      String mailboxId,
      boolean scheduled,
      int credits,
      List<FieldProblem> refusals,
      List<Warning> warnings,
      List<StepPreview> steps) {}

  /**
   * One step as it would go out.
   *
   * @param subject the subject as sent; for an email step without one, the thread's reply subject
   * @param body the body as sent (an email's plain-text part); null when it cannot render
   * @param plannedAt the planned send time; a paced seat or mailbox may book a later slot
   * @param plannedLocal the planned time on the prospect's clock (UTC without a schedule)
   * @param plan how the time was planned: default zone or country used, holidays skipped
   * @param route how the step would go out, what it costs, what happens without a credit
   * @param warnings the soft copy rules this step breaks
   * @param credits InMail credits this step would spend
   * @param variants a step with an experiment: each other variant's copy as it would go out (the
   *     step's own subject and body are variant A's); empty otherwise
   */
  record StepPreview(
      String key,
      Channel channel,
      int dayOffset,
      String subject,
      String body,
      Instant plannedAt,
      String plannedLocal,
      String plan,
      List<String> route,
      List<Warning> warnings,
      int credits,
      List<VariantPreview> variants) {}

  /**
   * One variant of a step as it would go out to this prospect.
   *
   * @param subject null when the variant cannot render (the step's route says why)
   * @param body null when it cannot render
   */
  record VariantPreview(String key, String subject, String body) {}
}
