package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.events.Event;
import io.sequor.domain.events.EventLog;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Meetings recorded through the API and a calendar tool's signed webhook: kept once per booking,
 * counted as a meeting.booked event on the message it follows, and ending the sequence.
 */
class MeetingsTest extends EmbeddedRuntimeTest {

  private static final String CALENDAR_SECRET = "embedded-test-calendar-secret";

  @Autowired EventLog events;

  @Test
  void aMeetingBookedThroughTheApiStopsTheSequenceAndIsRecordedOnceAgainstTheDay0Step() {
    String id = enrol(canonicalSequenceId(), prospect("meeting-api")).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");

    Map<String, Object> booking =
        Map.of(
            "enrolmentId", id, "scheduledFor", "2027-03-09T15:00:00Z", "externalId", "cal-" + id);
    Reply first = post("/api/meetings", booking);
    assertThat(first.status()).as("%s", first.body()).isEqualTo(201);
    assertThat(first.body().path("source").asString()).isEqualTo("API");
    assertThat(first.body().path("scheduledFor").asString()).isEqualTo("2027-03-09T15:00:00Z");

    Reply again = post("/api/meetings", booking);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("id").asString()).isEqualTo(first.body().path("id").asString());

    awaitStatus(id, "STOPPED");
    assertThat(enrolment(id).path("stopReason").asString()).isEqualTo("MEETING_BOOKED");

    List<Event> booked =
        events.forEnrolment(UUID.fromString(id)).stream()
            .filter(e -> e.type().equals("meeting.booked"))
            .toList();
    assertThat(booked)
        .singleElement()
        .satisfies(e -> assertThat(e.data()).containsEntry("stepKey", "day-0-inmail"));

    JsonNode listed = get("/api/meetings?enrolmentId=" + id).body();
    assertThat(listed.path("items")).hasSize(1);
  }

  @Test
  void theSameExternalIdOnAnotherEnrolmentIsAConflictAndAnUnknownEnrolmentNamesTheField() {
    String one = enrol(canonicalSequenceId(), prospect("meeting-one")).path("id").asString();
    String two = enrol(canonicalSequenceId(), prospect("meeting-two")).path("id").asString();
    String external = "cal-shared-" + one;
    assertThat(post("/api/meetings", Map.of("enrolmentId", one, "externalId", external)).status())
        .isEqualTo(201);

    Reply clash = post("/api/meetings", Map.of("enrolmentId", two, "externalId", external));
    assertThat(clash.status()).isEqualTo(409);

    Reply unknown = post("/api/meetings", Map.of("enrolmentId", UUID.randomUUID().toString()));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("errors").get(0).path("field").asString())
        .isEqualTo("enrolmentId");
    Reply missing = post("/api/meetings", Map.of("externalId", "x"));
    assertThat(missing.status()).isEqualTo(400);
  }

  @Test
  void aCalendarToolBooksByTheInviteesEmailWithASignedCallAndItsRetryRecordsNothingMore() {
    Map<String, Object> prospect = prospect("meeting-calendar");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    String body =
        "{\"externalId\": \"calendly-"
            + id
            + "\", \"email\": \""
            + prospect.get("email")
            + "\", \"scheduledFor\": \"2027-03-10T09:30:00Z\"}";

    Reply unsigned = post("/api/webhooks/meetings", body);
    assertThat(unsigned.status()).isEqualTo(401);
    Reply wrongKey = postSigned("/api/webhooks/meetings", "not-the-calendar-secret", body);
    assertThat(wrongKey.status()).isEqualTo(401);

    Reply booked = postSigned("/api/webhooks/meetings", CALENDAR_SECRET, body);
    assertThat(booked.status()).as("%s", booked.body()).isEqualTo(201);
    assertThat(booked.body().path("enrolmentId").asString()).isEqualTo(id);
    assertThat(booked.body().path("source").asString()).isEqualTo("CALENDAR_WEBHOOK");
    assertThat(postSigned("/api/webhooks/meetings", CALENDAR_SECRET, body).status()).isEqualTo(200);
    awaitStatus(id, "STOPPED");

    Reply nobody =
        postSigned(
            "/api/webhooks/meetings",
            CALENDAR_SECRET,
            "{\"externalId\": \"x-" + id + "\", \"email\": \"nobody-" + id + "@example.com\"}");
    assertThat(nobody.status()).isEqualTo(404);
    Reply noTarget =
        postSigned("/api/webhooks/meetings", CALENDAR_SECRET, "{\"externalId\": \"y\"}");
    assertThat(noTarget.status()).isEqualTo(400);
    assertThat(noTarget.body().path("errors").get(0).path("field").asString())
        .isEqualTo("enrolmentId");
  }
}
