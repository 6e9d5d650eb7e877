package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Day 0/3/7/14 play with no response, on Temporal time that the test moves forward. */
class CanonicalSequenceTest extends EmbeddedRuntimeTest {

  @Test
  void sendsEveryStepOnItsDaySpendsFourCreditsAndCompletesNinetyDaysAfterTheLastInMail() {
    Map<String, Object> prospect = prospect("silent");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");

    advance(Duration.ofDays(15));
    awaitStep(id, "day-14-exit", "SENT");

    JsonNode state = enrolment(id);
    Map<String, Long> expectedDays =
        Map.of(
            "day-0-inmail", 0L,
            "email-day-1", 1L,
            "day-3-bump", 3L,
            "email-day-5", 5L,
            "day-7-new-angle", 7L,
            "email-day-10", 10L,
            "day-14-exit", 14L);
    Map<String, Long> actualDays = new HashMap<>();
    for (JsonNode step : state.path("steps")) {
      assertThat(step.path("status").asString()).as(step.path("key").asString()).isEqualTo("SENT");
      actualDays.put(step.path("key").asString(), dayOf(state, step));
    }
    assertThat(actualDays).isEqualTo(expectedDays);

    assertThat(linkedInTo(prospect.get("linkedinUrl")))
        .extracting(m -> m.idempotencyKey().substring(id.length() + 1))
        .containsExactly("day-0-inmail", "day-3-bump", "day-7-new-angle", "day-14-exit");
    assertThat(emailsTo(prospect.get("email")))
        .extracting(m -> m.subject())
        .containsExactly(
            "Analytical Engines after your new Head of Sales role",
            "Re: Analytical Engines after your new Head of Sales role",
            "What your InMail credits bought at Analytical Engines");
    assertThat(state.path("credits").path("spent").asInt()).isEqualTo(4);
    assertThat(state.path("credits").path("refunded").asInt()).isZero();
    assertThat(state.path("status").asString()).isEqualTo("LISTENING");
    Instant lastInMail = Instant.parse(step(state, "day-14-exit").path("sentAt").asString());
    assertThat(Instant.parse(state.path("listeningUntil").asString()))
        .isEqualTo(lastInMail.plus(Duration.ofDays(90)));

    advance(Duration.ofDays(88));
    assertThat(enrolment(id).path("status").asString())
        .as("still listening for refunds on day 103")
        .isEqualTo("LISTENING");
    advance(Duration.ofDays(2));
    awaitStatus(id, "COMPLETED");
    JsonNode done = enrolment(id);
    assertThat(done.path("credits").path("spent").asInt()).isEqualTo(4);
    assertThat(done.path("credits").path("refunded").asInt()).isZero();
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(4);
    assertThat(emailsTo(prospect.get("email"))).hasSize(3);
  }

  @Test
  void spendsNoCreditOnARecipientWithAnOpenProfile() {
    Map<String, Object> prospect = new HashMap<>(prospect("open-profile"));
    prospect.put("openProfile", true);
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();

    advance(Duration.ofDays(15));
    awaitStep(id, "day-14-exit", "SENT");

    JsonNode state = enrolment(id);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(4);
    assertThat(state.path("credits").path("spent").asInt()).isZero();
    assertThat(step(state, "day-0-inmail").path("detail").asString())
        .isEqualTo("Open Profile: no credit spent");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(enrolment(id).path("status").asString()).isEqualTo("COMPLETED"));
  }
}
