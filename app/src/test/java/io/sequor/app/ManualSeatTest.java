package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * On a seat marked {@code manual} every LinkedIn action is a rep's task: the InMail is sent by hand
 * and its credit recorded when the rep reports it, and an unanswered invitation becomes a task to
 * withdraw it. (The {@code MANUAL} gateway setting does the same for every seat.)
 */
class ManualSeatTest extends EmbeddedRuntimeTest {

  private String manualSeat(String plan) {
    String id = "manual-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        post(
            "/api/seats",
            Map.of("id", id, "plan", plan, "renewalDay", 1, "timezone", "UTC", "manual", true));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.body().path("manual").asBoolean()).isTrue();
    return id;
  }

  private JsonNode openTask(String enrolmentId, String stepKey) {
    AtomicReference<JsonNode> task = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                task.set(
                    get("/api/tasks?status=OPEN&limit=200")
                        .body()
                        .path("items")
                        .valueStream()
                        .filter(t -> t.path("enrolmentId").asString().equals(enrolmentId))
                        .filter(t -> t.path("stepKey").asString().equals(stepKey))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no open task " + stepKey))));
    return task.get();
  }

  private void complete(JsonNode task, String providerMessageId) {
    Reply done =
        post(
            "/api/tasks/" + task.path("id").asString() + "/complete",
            Map.of("outcome", "SENT", "providerMessageId", providerMessageId));
    assertThat(done.status()).as("%s", done.body()).isEqualTo(200);
  }

  @Test
  void anInMailSentByARepSpendsTheSeatsCreditAndNothingGoesThroughAGateway() {
    String seat = manualSeat("test-three");
    Map<String, Object> prospect = prospect("by-hand");
    String id = enrolOn(canonicalSequenceId(), prospect, seat);

    JsonNode task = openTask(id, "day-0-inmail");
    assertThat(task.path("seatId").asString()).isEqualTo(seat);
    assertThat(task.path("channel").asString()).isEqualTo("LINKEDIN_INMAIL");
    assertThat(task.path("profileUrl").asString()).isEqualTo(prospect.get("linkedinUrl"));
    assertThat(
            get("/api/tasks?status=OPEN&seatId=" + seat + "&limit=200").body().path("items").size())
        .as("the rep's queue for this seat")
        .isEqualTo(1);

    complete(task, "li-msg-1");
    awaitStep(id, "day-0-inmail", "SENT");
    JsonNode step = step(enrolment(id), "day-0-inmail");
    assertThat(step.path("creditSpent").asBoolean()).isTrue();
    assertThat(step.path("detail").asString()).isEqualTo("sent by a rep; 1 InMail credit spent");
    assertThat(get("/api/seats/" + seat).body().path("balance").asInt()).isEqualTo(2);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();
  }

  @Test
  void anUnansweredInvitationBecomesATaskToWithdrawIt() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "manual connect " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "invite",
                        "channel", "LINKEDIN_CONNECT",
                        "dayOffset", 0,
                        "body", "{{first_name}}, glad to connect about {{company}}."))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id =
        enrolOn(
            created.body().path("sequenceId").asString(),
            prospect("by-hand-invite"),
            manualSeat("test-plenty"));

    complete(openTask(id, "invite"), "inv-1");
    awaitStep(id, "invite", "SENT");
    advance(Duration.ofDays(14).plusHours(1));

    JsonNode withdraw = openTask(id, "invite:withdraw");
    assertThat(withdraw.path("subject").asString()).isEqualTo("Withdraw the invitation");
    awaitStatus(id, "COMPLETED");
    assertThat(step(enrolment(id), "invite").path("detail").asString())
        .endsWith("a rep was asked to withdraw the invitation");
  }
}
