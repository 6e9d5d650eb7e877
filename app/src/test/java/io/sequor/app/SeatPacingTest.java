package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A paced seat never passes its caps, sends everything in turn, and backs off when restricted. */
class SeatPacingTest extends EmbeddedRuntimeTest {

  @Autowired JdbcClient jdbc;
  @Autowired TestChannels.HoldingLinkedInGateway provider;

  private String pacedSeat(int daily, int weekly, String gap) {
    String seat = newSeat("test-plenty");
    Reply set =
        put(
            "/api/seats/" + seat + "/pacing",
            Map.of(
                "caps",
                Map.of("INMAIL", Map.of("daily", daily, "weekly", weekly)),
                "windowStart",
                "00:00",
                "windowEnd",
                "23:59",
                "days",
                List.of(
                    "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                "minGap",
                gap,
                "maxGap",
                gap,
                "rampUpWeeks",
                0,
                "backoff",
                "P1D"));
    assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
    return seat;
  }

  private String oneInMailSequence() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "one inmail " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "hello",
                        "channel", "LINKEDIN_INMAIL",
                        "dayOffset", 0,
                        "subject", "Hello {{first_name}}",
                        "body", "Hi {{first_name}}, one question about {{company}}?"))));
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  private int slotsOf(String seat) {
    return jdbc.sql("SELECT count(*) FROM seat_slots WHERE seat_id = ?")
        .param(seat)
        .query(Integer.class)
        .single();
  }

  @Test
  void fiveHundredEnrolmentsOnATwentyADaySeatNeverPassTwentyADayAndAllGoInTurn() {
    String seat = pacedSeat(20, 140, "PT1M");
    String sequence = oneInMailSequence();
    List<String> inOrder = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      inOrder.add(enrolOn(sequence, prospect("queue" + i), seat));
      int booked = i + 1;
      await().atMost(PATIENCE).until(() -> slotsOf(seat) >= booked);
    }
    Map<LocalDate, Integer> bookedPerDay = new TreeMap<>();
    get("/api/seats/" + seat + "/slots?limit=1000")
        .body()
        .valueStream()
        .forEach(
            slot ->
                bookedPerDay.merge(
                    instant(slot.path("at")).atZone(ZoneOffset.UTC).toLocalDate(),
                    1,
                    Integer::sum));
    assertThat(bookedPerDay.values())
        .as("the upcoming slots the API lists")
        .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(20));
    assertThat(bookedPerDay.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThanOrEqualTo(480);

    advance(Duration.ofDays(26));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM step_executions e JOIN enrolments n"
                                + " ON n.id = e.enrolment_id WHERE n.seat_id = ? AND e.status = 'SENT'")
                        .param(seat)
                        .query(Integer.class)
                        .single()
                    == 500);

    List<Instant> sentAt =
        jdbc
            .sql(
                "SELECT e.finished_at FROM step_executions e JOIN enrolments n"
                    + " ON n.id = e.enrolment_id WHERE n.seat_id = ? AND e.status = 'SENT'"
                    + " ORDER BY n.created_at")
            .param(seat)
            .query(java.sql.Timestamp.class)
            .list()
            .stream()
            .map(java.sql.Timestamp::toInstant)
            .toList();
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (Instant at : sentAt) {
      perDay.merge(at.atZone(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum);
    }
    assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(20));
    assertThat(perDay).hasSize(25);
    assertThat(sentAt).as("sent in enrolment order, a minute apart within a day").isSorted();
    assertThat(
            inOrder.stream()
                .mapToLong(
                    id ->
                        step(enrolment(id), "hello").path("status").asString().equals("SENT")
                            ? 1
                            : 0)
                .sum())
        .isEqualTo(500);
  }

  @Test
  void aRestrictionMovesTheSeatsPendingActionsPastTheBackOffAndNothingIsLostOrSentTwice() {
    String seat = pacedSeat(100, 700, "PT0S");
    String sequence = oneInMailSequence();
    Map<String, Object> first = prospect("restricted");
    provider.rateLimitOnce((String) first.get("linkedinUrl"));
    String a = enrolOn(sequence, first, seat);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(a), "hello").path("detail").asString())
                    .contains("waiting for the seat's slot"));
    Instant backoffEnds = clock.now().plus(Duration.ofHours(23));
    Map<String, Object> second = prospect("queued-behind");
    String b = enrolOn(sequence, second, seat);
    await().atMost(PATIENCE).until(() -> slotsOf(seat) == 2);
    for (JsonNode slot : get("/api/seats/" + seat + "/slots").body()) {
      assertThat(instant(slot.path("at"))).isAfter(backoffEnds);
    }
    assertThat(linkedInTo(first.get("linkedinUrl"))).isEmpty();
    assertThat(linkedInTo(second.get("linkedinUrl"))).isEmpty();

    advance(Duration.ofDays(1).plusHours(1));
    awaitStep(a, "hello", "SENT");
    awaitStep(b, "hello", "SENT");
    assertThat(linkedInTo(first.get("linkedinUrl"))).hasSize(1);
    assertThat(linkedInTo(second.get("linkedinUrl"))).hasSize(1);
    assertThat(instant(step(enrolment(a), "hello").path("sentAt"))).isAfter(backoffEnds);
    assertThat(enrolment(a).path("credits").path("spent").asInt()).isEqualTo(1);
  }

  @Test
  void aRetryAfterLongerThanTheSeatsBackOffHoldsTheSeatForTheProvidersWait() {
    String seat = pacedSeat(100, 700, "PT0S");
    String sequence = oneInMailSequence();
    Map<String, Object> prospect = prospect("retry-after");
    provider.rateLimitOnce((String) prospect.get("linkedinUrl"), Duration.ofDays(3));
    Instant limitedAfter = clock.now();
    String id = enrolOn(sequence, prospect, seat);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(id), "hello").path("detail").asString())
                    .contains("waiting for the seat's slot"));
    JsonNode slot = get("/api/seats/" + seat + "/slots").body().get(0);
    assertThat(instant(slot.path("at")))
        .as("three days, not the seat's one-day back-off")
        .isAfterOrEqualTo(limitedAfter.plus(Duration.ofDays(3)));

    advance(Duration.ofDays(2));
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();

    advance(Duration.ofDays(1).plusHours(1));
    awaitStep(id, "hello", "SENT");
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(1);
    assertThat(instant(step(enrolment(id), "hello").path("sentAt")))
        .isAfterOrEqualTo(limitedAfter.plus(Duration.ofDays(3)));
  }
}
