package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seats and what their credits bought, over HTTP. */
class SeatsApiTest extends EmbeddedRuntimeTest {

  private String createSeat(String plan) {
    return createSeat(plan, 31);
  }

  private String createSeat(String plan, int renewalDay) {
    String id = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        post(
            "/api/seats",
            Map.of(
                "id",
                id,
                "name",
                "Rep",
                "plan",
                plan,
                "renewalDay",
                renewalDay,
                "timezone",
                "Europe/Paris"));
    assertThat(created.status()).as("create seat: %s", created.body()).isEqualTo(201);
    return id;
  }

  @Test
  void aSeatShowsItsLotsAndWhatEachCreditBought() {
    String seat = createSeat("test-five");
    JsonNode fresh = get("/api/seats/" + seat).body();
    assertThat(fresh.path("balance").asInt()).isEqualTo(5);
    JsonNode lot = fresh.path("lots").get(0);
    assertThat(
            Duration.between(
                Instant.parse(lot.path("grantedAt").asString()),
                Instant.parse(lot.path("expiresAt").asString())))
        .isEqualTo(Duration.ofDays(90));

    String id = enrolOn(canonicalSequenceId(), prospect("seat"), seat);
    awaitStep(id, "day-0-inmail", "SENT");

    JsonNode spent = get("/api/seats/" + seat).body();
    assertThat(spent.path("balance").asInt()).isEqualTo(4);
    assertThat(spent.path("credits").path("spent").asInt()).isEqualTo(1);
    assertThat(spent.path("credits").path("inRefundWindow").asInt()).isEqualTo(1);
    assertThat(enrolment(id).path("credits").path("inRefundWindow").asInt()).isEqualTo(1);

    respond(id, Map.of("channel", "LINKEDIN", "kind", "REPLY"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode refunded = get("/api/seats/" + seat).body();
              assertThat(refunded.path("credits").path("refunded").asInt()).isEqualTo(1);
              assertThat(refunded.path("credits").path("inRefundWindow").asInt()).isZero();
              assertThat(refunded.path("credits").path("net").asInt()).isZero();
              assertThat(refunded.path("balance").asInt()).isEqualTo(5);
            });
    List<String> kinds =
        get("/api/seats/" + seat + "/ledger")
            .body()
            .valueStream()
            .map(e -> e.path("kind").asString())
            .toList();
    assertThat(kinds).containsExactly("REFUND", "CONSUME", "GRANT");
  }

  @Test
  void purchasesAreIdempotentAndStopAtTheCap() {
    String seat = createSeat("test-five");
    Reply bought =
        post("/api/seats/" + seat + "/purchases", Map.of("quantity", 3), "Idempotency-Key", "po-1");
    Reply again =
        post("/api/seats/" + seat + "/purchases", Map.of("quantity", 3), "Idempotency-Key", "po-1");
    assertThat(bought.status()).isEqualTo(201);
    assertThat(again.body().path("id").asString()).isEqualTo(bought.body().path("id").asString());
    assertThat(get("/api/seats/" + seat).body().path("balance").asInt()).isEqualTo(8);

    Reply overCap =
        post("/api/seats/" + seat + "/purchases", Map.of("quantity", 3), "Idempotency-Key", "po-2");
    assertThat(overCap.status()).isEqualTo(400);
    assertThat(EnrolmentApiTest.fields(overCap)).containsExactly("quantity");
  }

  @Test
  void theNextGrantArrivesOnTheRenewalDayUpToTheCap() {
    // Renewing on the shared clock's day of the month, 32 days cross exactly one renewal and 63
    // exactly two, wherever the other tests have moved the clock to.
    int today = clock.now().atZone(ZoneId.of("Europe/Paris")).getDayOfMonth();
    String seat = createSeat("test-five", today);
    advance(Duration.ofDays(32));
    assertThat(get("/api/seats/" + seat).body().path("balance").asInt()).isEqualTo(10);
    advance(Duration.ofDays(31));
    JsonNode capped = get("/api/seats/" + seat).body();
    assertThat(capped.path("balance").asInt()).isEqualTo(10);
    assertThat(
            get("/api/seats/" + seat + "/ledger")
                .body()
                .valueStream()
                .filter(e -> e.path("kind").asString().equals("CAP_CUT"))
                .map(e -> e.path("quantity").asInt())
                .toList())
        .containsExactly(5);
  }

  @Test
  void aFreeAccountSeatRefusesAConnectionNoteOverTwoHundredCharacters() {
    Reply free =
        post(
            "/api/seats",
            Map.of(
                "id",
                "free-" + UUID.randomUUID().toString().substring(0, 8),
                "plan",
                "test-five",
                "renewalDay",
                1,
                "timezone",
                "UTC",
                "freeAccount",
                true));
    assertThat(free.status()).isEqualTo(201);
    assertThat(free.body().path("freeAccount").asBoolean()).isTrue();
    Reply sequence =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "connect " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key",
                        "invite",
                        "channel",
                        "LINKEDIN_CONNECT",
                        "dayOffset",
                        0,
                        "body",
                        "Hi {{first_name}}, " + "x".repeat(240)))));
    assertThat(sequence.status()).isEqualTo(201);
    String sequenceId = sequence.body().path("sequenceId").asString();

    Map<String, Object> onFree =
        new HashMap<>(Map.of("sequenceId", sequenceId, "prospect", prospect("free")));
    onFree.put("seatId", free.body().path("id").asString());
    Reply refused = post("/api/enrolments", onFree);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(EnrolmentApiTest.fields(refused)).containsExactly("seatId");
    assertThat(refused.body().path("errors").get(0).path("reason").asString())
        .contains("free account", "200", "'invite'");

    assertThat(enrolOn(sequenceId, prospect("paid"), createSeat("test-five"))).isNotBlank();
  }

  @Nested
  class BadInput {

    @Test
    void everyWrongFieldIsNamed() {
      Reply reply =
          post(
              "/api/seats",
              Map.of(
                  "id", "Bad Id",
                  "plan", "gold",
                  "renewalDay", 0,
                  "timezone", "Mars/Olympus_Mons"));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply))
          .containsExactlyInAnyOrder("id", "plan", "renewalDay", "timezone");
    }

    @Test
    void anUnknownSeatIs404AndAnEnrolmentOnItIsRefusedNamingTheField() {
      assertThat(get("/api/seats/nobody").status()).isEqualTo(404);
      Map<String, Object> enrol =
          new HashMap<>(Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect("x")));
      enrol.put("seatId", "nobody");
      Reply reply = post("/api/enrolments", enrol);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("seatId");
    }

    @Test
    void aPurchaseWithoutAnIdempotencyKeyIsRefused() {
      String seat = createSeat("test-five");
      Reply reply = post("/api/seats/" + seat + "/purchases", Map.of("quantity", 1));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("Idempotency-Key");
    }
  }
}
