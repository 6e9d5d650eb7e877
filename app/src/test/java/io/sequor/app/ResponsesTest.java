package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What each kind of response does to a running enrolment. */
class ResponsesTest extends EmbeddedRuntimeTest {

  @Autowired TestChannels.HoldingLinkedInGateway holdingLinkedIn;

  @Test
  void emailReplyOnDayFiveStopsBothBranchesAndRefundsTheInMailsOfDaysZeroAndThree() {
    Map<String, Object> prospect = prospect("replier");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    advance(Duration.ofDays(5));
    awaitStep(id, "email-day-5", "SENT");

    respond(id, Map.of("channel", "EMAIL", "kind", "REPLY", "text", "Tuesday works."));
    awaitStatus(id, "STOPPED");
    advance(Duration.ofDays(20));

    JsonNode state = enrolment(id);
    assertThat(state.path("stopReason").asString()).isEqualTo("REPLIED");
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(2);
    assertThat(emailsTo(prospect.get("email"))).hasSize(2);
    for (String later : new String[] {"day-7-new-angle", "email-day-10", "day-14-exit"}) {
      assertThat(step(state, later).path("status").asString()).as(later).isEqualTo("CANCELLED");
    }
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode credits = enrolment(id).path("credits");
              assertThat(credits.path("spent").asInt()).isEqualTo(2);
              assertThat(credits.path("refunded").asInt()).isEqualTo(2);
              assertThat(credits.path("net").asInt()).isZero();
            });
    assertThat(step(enrolment(id), "day-0-inmail").path("creditRefunded").asBoolean()).isTrue();
    assertThat(step(enrolment(id), "day-3-bump").path("creditRefunded").asBoolean()).isTrue();
  }

  @Test
  void outOfOfficeOnDayThreePausesUntilDayTenThenResumesWithTheDocumentedShift() {
    Map<String, Object> prospect = prospect("away");
    JsonNode enrolled = enrol(canonicalSequenceId(), prospect);
    String id = enrolled.path("id").asString();
    advance(Duration.ofDays(3));
    awaitStep(id, "day-3-bump", "SENT");
    Instant start = instant(enrolment(id).path("steps").get(0).path("plannedAt"));
    Instant back = start.plus(Duration.ofDays(10));

    respond(
        id,
        Map.of(
            "channel", "EMAIL",
            "kind", "AUTO_REPLY",
            "returnAt", back.toString(),
            "text", "I am out of the office until the 10th."));
    awaitStatus(id, "PAUSED");
    JsonNode paused = enrolment(id);
    assertThat(instant(paused.path("pausedUntil"))).isEqualTo(back);
    assertThat(paused.path("stopReason").isNull()).isTrue();

    advance(Duration.ofDays(6));
    assertThat(emailsTo(prospect.get("email"))).as("nothing is sent into the absence").hasSize(1);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(2);

    advance(Duration.ofDays(2));
    awaitStatus(id, "ACTIVE");
    JsonNode resumed = enrolment(id);
    // Resumed on day 10: the earliest unsent step (the day-5 email) moves to day 11 and every
    // later step keeps its spacing, so all move by 6 days.
    assertThat(daysAfter(start, step(resumed, "email-day-5"))).isEqualTo(11);
    assertThat(daysAfter(start, step(resumed, "day-7-new-angle"))).isEqualTo(13);
    assertThat(daysAfter(start, step(resumed, "email-day-10"))).isEqualTo(16);
    assertThat(daysAfter(start, step(resumed, "day-14-exit"))).isEqualTo(20);

    advance(Duration.ofDays(11));
    awaitStep(id, "day-14-exit", "SENT");
    JsonNode finished = enrolment(id);
    assertThat(finished.path("status").asString()).isEqualTo("LISTENING");
    assertThat(finished.path("stopReason").isNull()).as("an auto-reply is not a reply").isTrue();
    assertThat(emailsTo(prospect.get("email"))).hasSize(3);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(4);
    assertThat(finished.path("credits").path("spent").asInt()).isEqualTo(4);
    assertThat(finished.path("credits").path("refunded").asInt())
        .as("LinkedIn counts the auto-reply as a response to the two InMails before it")
        .isEqualTo(2);
  }

  @Test
  void inMailAcceptStopsTheEnrolment() {
    Map<String, Object> prospect = prospect("accepter");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    respond(id, Map.of("channel", "LINKEDIN", "kind", "INMAIL_ACCEPTED"));
    awaitStatus(id, "STOPPED");
    advance(Duration.ofDays(15));

    JsonNode state = enrolment(id);
    assertThat(state.path("stopReason").asString()).isEqualTo("INMAIL_ACCEPTED");
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(1);
    assertThat(emailsTo(prospect.get("email"))).isEmpty();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(enrolment(id).path("credits").path("refunded").asInt()).isEqualTo(1));
  }

  @Test
  void unsubscribeStopsAndSuppressesTheProspectForEveryLaterEnrolment() {
    Map<String, Object> prospect = prospect("unsubscriber");
    String sequenceId = canonicalSequenceId();
    String id = enrol(sequenceId, prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");

    respond(id, Map.of("channel", "EMAIL", "kind", "UNSUBSCRIBE"));
    awaitStatus(id, "STOPPED");
    assertThat(enrolment(id).path("stopReason").asString()).isEqualTo("UNSUBSCRIBED");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Reply again =
                  post("/api/enrolments", Map.of("sequenceId", sequenceId, "prospect", prospect));
              assertThat(again.status()).isEqualTo(409);
              assertThat(again.body().path("detail").asString()).contains("suppressed");
            });
  }

  @Test
  void bounceStopsTheEmailBranchWhileLinkedInGoesOn() {
    Map<String, Object> prospect = prospect("bouncer");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    advance(Duration.ofDays(1));
    awaitStep(id, "email-day-1", "SENT");

    respond(id, Map.of("channel", "EMAIL", "kind", "BOUNCE"));
    advance(Duration.ofDays(14));
    awaitStep(id, "day-14-exit", "SENT");

    JsonNode state = enrolment(id);
    assertThat(state.path("emailBranchStopped").asBoolean()).isTrue();
    assertThat(state.path("stopReason").isNull()).isTrue();
    assertThat(step(state, "email-day-5").path("status").asString()).isEqualTo("CANCELLED");
    assertThat(emailsTo(prospect.get("email"))).hasSize(1);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(4);
  }

  @Test
  void replyWhileAnInMailIsInFlightIsFollowedByNoFurtherSend() throws Exception {
    Map<String, Object> prospect = prospect("in-flight");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    TestChannels.HoldingLinkedInGateway.Hold hold =
        holdingLinkedIn.holdStep((String) prospect.get("linkedinUrl"), "day-3-bump");

    Thread mover = new Thread(() -> advance(Duration.ofDays(3)));
    mover.start();
    assertThat(hold.entered().await(30, TimeUnit.SECONDS)).as("day-3 InMail in flight").isTrue();
    respond(id, Map.of("channel", "LINKEDIN", "kind", "REPLY", "text", "Not now, thanks."));
    hold.release().countDown();
    mover.join(30_000);
    awaitStatus(id, "STOPPED");

    advance(Duration.ofDays(15));
    JsonNode state = enrolment(id);
    assertThat(linkedInTo(prospect.get("linkedinUrl")))
        .extracting(m -> m.idempotencyKey().substring(id.length() + 1))
        .containsExactly("day-0-inmail", "day-3-bump");
    assertThat(emailsTo(prospect.get("email"))).as("only the day-1 email").hasSize(1);
    assertThat(step(state, "day-7-new-angle").path("status").asString()).isEqualTo("CANCELLED");
  }

  @Nested
  class WhenTheEnrolmentHasFinished {

    @Test
    void aLateResponseIsRecordedWithoutARefund() {
      Map<String, Object> prospect = prospect("late");
      String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
      advance(Duration.ofDays(15));
      awaitStep(id, "day-14-exit", "SENT");
      advance(Duration.ofDays(91));
      awaitStatus(id, "COMPLETED");

      respond(id, Map.of("channel", "LINKEDIN", "kind", "REPLY", "text", "Sorry for the delay"));

      JsonNode state = enrolment(id);
      assertThat(state.path("responses")).hasSize(1);
      assertThat(state.path("credits").path("refunded").asInt()).isZero();
      assertThat(state.path("status").asString()).isEqualTo("COMPLETED");
    }
  }

  private static long daysAfter(Instant start, JsonNode step) {
    return Duration.between(start, instant(step.path("plannedAt"))).toDays();
  }
}
