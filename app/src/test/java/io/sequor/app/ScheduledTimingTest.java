package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.worker.linkedin.LinkedInMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Schedules on the embedded runtime: the preview's times are the times the real run keeps. */
class ScheduledTimingTest extends EmbeddedRuntimeTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Autowired JdbcClient jdbc;

  /**
   * A window the current New York time is outside of, so every step lands on a window start and the
   * enrolment, started a moment after the preview, plans exactly the same instants.
   */
  private Map<String, Object> scheduleOutsideNow() {
    int hour = ZonedDateTime.ofInstant(clock.now(), NEW_YORK).getHour();
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("windowStart", hour >= 2 ? "00:30" : "12:00");
    schedule.put("windowEnd", hour >= 2 ? "01:30" : "13:00");
    schedule.put("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
    schedule.put("timezone", "Europe/Paris");
    schedule.put("offsets", "BUSINESS_DAYS");
    schedule.put("skipHolidays", true);
    schedule.put("country", "FR");
    return schedule;
  }

  private long rows(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
  }

  private Map<String, Long> storeCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        List.of("prospects", "enrolments", "seat_slots", "mailbox_slots", "step_executions")) {
      counts.put(table, rows(table));
    }
    return counts;
  }

  @Test
  void theRunSendsEveryStepAtTheTimeThePreviewPlannedAndThePreviewStoredNothing() {
    Map<String, Object> prospect = new HashMap<>(prospect("scheduled"));
    prospect.put("timezone", "America/New_York");
    prospect.put("country", "us");
    Map<String, Object> schedule = scheduleOutsideNow();

    Map<String, Long> before = storeCounts();
    Reply preview =
        post(
            "/api/sequences/" + canonicalSequenceId() + "/preview",
            Map.of("prospect", prospect, "schedule", schedule));
    assertThat(preview.status()).as("preview: %s", preview.body()).isEqualTo(200);
    assertThat(storeCounts()).as("a preview writes nothing").isEqualTo(before);
    assertThat(
            jdbc.sql("SELECT count(*) FROM prospects WHERE lower(email) = lower(?)")
                .param(prospect.get("email"))
                .query(Long.class)
                .single())
        .as("the inline prospect is not stored")
        .isZero();

    JsonNode previewed = preview.body();
    assertThat(previewed.path("credits").asInt()).as("four InMails, no Open Profile").isEqualTo(4);
    assertThat(previewed.path("refusals")).isEmpty();
    Map<String, Instant> plannedByPreview = new LinkedHashMap<>();
    for (JsonNode step : previewed.path("steps")) {
      Instant at = instant(step.path("plannedAt"));
      ZonedDateTime local = at.atZone(NEW_YORK);
      assertThat(local.getDayOfWeek().getValue()).as(step.toString()).isLessThanOrEqualTo(5);
      assertThat(step.path("plannedLocal").asString()).endsWith("[America/New_York]");
      assertThat(step.path("plan").asString())
          .as("planned in the prospect's own zone, with US holidays")
          .doesNotContain("no timezone");
      plannedByPreview.put(step.path("key").asString(), at);
    }
    assertThat(plannedByPreview).hasSize(7);

    Map<String, Object> enrol = new HashMap<>();
    enrol.put("sequenceId", canonicalSequenceId());
    enrol.put("prospect", prospect);
    enrol.put("schedule", schedule);
    Reply enrolled = post("/api/enrolments", enrol);
    assertThat(enrolled.status()).as("enrol: %s", enrolled.body()).isEqualTo(201);
    String id = enrolled.body().path("id").asString();

    advance(Duration.ofDays(30));
    awaitStep(id, "day-14-exit", "SENT");
    JsonNode state = enrolment(id);
    for (JsonNode step : state.path("steps")) {
      String key = step.path("key").asString();
      assertThat(step.path("status").asString()).as(key).isEqualTo("SENT");
      assertThat(instant(step.path("plannedAt"))).as(key).isEqualTo(plannedByPreview.get(key));
      assertThat(instant(step.path("sentAt")))
          .as("%s went out when planned", key)
          .isBetween(plannedByPreview.get(key), plannedByPreview.get(key).plusSeconds(60));
    }

    List<String> previewedEmailSubjects = new java.util.ArrayList<>();
    List<String> previewedInMailBodies = new java.util.ArrayList<>();
    for (JsonNode step : previewed.path("steps")) {
      if (step.path("channel").asString().equals("EMAIL")) {
        previewedEmailSubjects.add(step.path("subject").asString());
      } else {
        previewedInMailBodies.add(step.path("body").asString());
      }
    }
    assertThat(emailsTo(prospect.get("email")))
        .extracting(m -> m.subject())
        .as("emails carry the previewed subjects")
        .containsExactlyElementsOf(previewedEmailSubjects);
    assertThat(linkedInTo(prospect.get("linkedinUrl")))
        .extracting(LinkedInMessage::body)
        .as("InMails carry the previewed bodies")
        .containsExactlyElementsOf(previewedInMailBodies);

    JsonNode stored = get("/api/prospects/" + enrolled.body().path("prospectId").asString()).body();
    assertThat(stored.path("country").asString()).isEqualTo("US");
  }

  @Test
  void aProspectWithoutATimezoneIsPlannedInTheSchedulesDefaultAndItsStepSaysSo() {
    Map<String, Object> prospect = prospect("no-zone");
    Map<String, Object> enrol = new HashMap<>();
    enrol.put("sequenceId", canonicalSequenceId());
    enrol.put("prospect", prospect);
    enrol.put("schedule", scheduleOutsideNow());
    Reply enrolled = post("/api/enrolments", enrol);
    assertThat(enrolled.status()).as("enrol: %s", enrolled.body()).isEqualTo(201);
    String id = enrolled.body().path("id").asString();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(id), "day-0-inmail").path("plan").asString())
                    .contains("no timezone")
                    .contains("Europe/Paris"));
    Instant planned = instant(step(enrolment(id), "day-0-inmail").path("plannedAt"));
    assertThat(planned.atZone(ZoneId.of("Europe/Paris")).toLocalTime().toString())
        .isIn("00:30", "12:00");
    post("/api/enrolments/" + id + "/stop", Map.of());
  }

  @Test
  void aWrongScheduleIsRefusedFieldByFieldAndNothingIsEnrolled() {
    Map<String, Object> prospect = new HashMap<>(prospect("bad-schedule"));
    prospect.put("country", "Narnia");
    Map<String, Object> schedule = new HashMap<>(scheduleOutsideNow());
    schedule.put("windowEnd", "00:10");
    schedule.put("timezone", "Mars/Olympus");
    Map<String, Object> enrol = new HashMap<>();
    enrol.put("sequenceId", canonicalSequenceId());
    enrol.put("prospect", prospect);
    enrol.put("schedule", schedule);

    Reply refused = post("/api/enrolments", enrol);
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
    assertThat(fields(refused))
        .contains("schedule.windowEnd", "schedule.timezone", "prospect.country");

    Reply preview =
        post(
            "/api/sequences/" + canonicalSequenceId() + "/preview",
            Map.of("prospect", prospect, "schedule", schedule));
    assertThat(preview.status()).isEqualTo(400);
    assertThat(fields(preview))
        .contains("schedule.windowEnd", "schedule.timezone", "prospect.country");
    assertThat(
            jdbc.sql("SELECT count(*) FROM prospects WHERE lower(email) = lower(?)")
                .param(prospect.get("email"))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aPreviewOfAnOpenProfileCostsNothingAndAMissingPlaceholderIsARefusal() {
    Map<String, Object> prospect = new HashMap<>(prospect("open-preview"));
    prospect.put("openProfile", true);
    prospect.put("fields", Map.of());
    Reply preview =
        post("/api/sequences/" + canonicalSequenceId() + "/preview", Map.of("prospect", prospect));
    assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
    JsonNode body = preview.body();
    assertThat(body.path("credits").asInt()).isZero();
    assertThat(body.path("scheduled").asBoolean()).isFalse();
    JsonNode first = body.path("steps").get(0);
    assertThat(first.path("route").toString()).contains("Open Profile").contains("free");
    assertThat(first.path("body").isNull()).as("no trigger: the InMail cannot render").isTrue();
    assertThat(body.path("refusals").get(0).path("field").asString())
        .isEqualTo("prospect.fields.trigger");
    assertThat(instant(body.path("steps").get(1).path("plannedAt")))
        .as("without a schedule: start + dayOffset days")
        .isEqualTo(instant(body.path("startAt")).plus(Duration.ofDays(1)));
  }

  @Test
  void aPreviewAnswers404ForAnUnknownSequenceAnd400ForAnUnknownProspect() {
    Reply unknownSequence =
        post(
            "/api/sequences/" + java.util.UUID.randomUUID() + "/preview",
            Map.of("prospect", prospect("nobody")));
    assertThat(unknownSequence.status()).isEqualTo(404);
    Reply unknownProspect =
        post(
            "/api/sequences/" + canonicalSequenceId() + "/preview",
            Map.of("prospectId", java.util.UUID.randomUUID().toString()));
    assertThat(unknownProspect.status()).isEqualTo(400);
    assertThat(fields(unknownProspect)).containsExactly("prospectId");
  }

  @Test
  void theOpenApiDescriptionDocumentsThePreviewWithExamples() {
    JsonNode operation =
        get("/v3/api-docs").body().path("paths").path("/api/sequences/{id}/preview").path("post");
    assertThat(operation.path("summary").asString()).isNotBlank();
    assertThat(operation.path("description").asString()).contains("Nothing is sent or stored");
    assertThat(operation.path("requestBody").toString()).contains("America/New_York");
    assertThat(operation.path("responses").path("200").toString()).contains("plannedLocal");
  }

  private static List<String> fields(Reply reply) {
    List<String> fields = new java.util.ArrayList<>();
    reply.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    return fields;
  }
}
