package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A step a rep sends by hand: the task carries the rendered copy and the rep reports back. */
class ManualTaskTest extends EmbeddedRuntimeTest {

  private String manualSequence() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "manual " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "call",
                        "channel", "MANUAL_TASK",
                        "dayOffset", 0,
                        "body", "Call {{first_name}} at {{company}} about {{trigger}}"),
                    Map.of(
                        "key",
                        "after",
                        "channel",
                        "LINKEDIN_MESSAGE",
                        "dayOffset",
                        2,
                        "body",
                        "Thanks for the chat, {{first_name}}"))));
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  @Test
  void aRepCompletesTheTaskWithTheRenderedCopyAndTheStepIsRecordedSent() {
    Map<String, Object> prospect = prospect("manual");
    String id = enrol(manualSequence(), prospect).path("id").asString();

    AtomicReference<JsonNode> task = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Optional<JsonNode> open =
                  get("/api/tasks?status=OPEN&limit=200")
                      .body()
                      .path("items")
                      .valueStream()
                      .filter(t -> t.path("enrolmentId").asString().equals(id))
                      .findFirst();
              assertThat(open).as("an open task for the enrolment").isPresent();
              task.set(open.get());
            });
    assertThat(task.get().path("body").asString())
        .isEqualTo("Call Ada at Analytical Engines about your new Head of Sales role");
    assertThat(task.get().path("profileUrl").asString()).isEqualTo(prospect.get("linkedinUrl"));
    awaitStep(id, "call", "AWAITING_TASK");

    Reply done =
        post(
            "/api/tasks/" + task.get().path("id").asString() + "/complete",
            Map.of("outcome", "SENT", "providerMessageId", "call-log-42"));
    assertThat(done.status()).isEqualTo(200);
    awaitStep(id, "call", "SENT");

    advance(Duration.ofDays(2));
    awaitStep(id, "after", "SENT");
    Reply again =
        post(
            "/api/tasks/" + task.get().path("id").asString() + "/complete",
            Map.of("outcome", "FAILED"));
    assertThat(again.status()).as("a task is completed once").isEqualTo(409);
  }

  @Test
  void aTaskLeftUndoneIsWithdrawnWhenTheProspectReplies() {
    String id = enrol(manualSequence(), prospect("manual-reply")).path("id").asString();
    awaitStep(id, "call", "AWAITING_TASK");
    respond(id, Map.of("channel", "EMAIL", "kind", "REPLY"));
    awaitStep(id, "call", "SKIPPED");
    JsonNode task =
        get("/api/tasks?status=CANCELLED&limit=200")
            .body()
            .path("items")
            .valueStream()
            .filter(t -> t.path("enrolmentId").asString().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(task.path("note").asString()).contains("stopped");
  }

  private JsonNode awaitTask(String enrolmentId, String status) {
    AtomicReference<JsonNode> task = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Optional<JsonNode> found =
                  get("/api/tasks?status=" + status + "&limit=200")
                      .body()
                      .path("items")
                      .valueStream()
                      .filter(t -> t.path("enrolmentId").asString().equals(enrolmentId))
                      .findFirst();
              assertThat(found).as("a %s task for the enrolment", status).isPresent();
              task.set(found.get());
            });
    return task.get();
  }

  @Test
  void aTaskLeftUndoneIsPushedToTheNextWindowAndARepCanStillSendIt() {
    String id = enrol(manualSequence(), prospect("manual-late")).path("id").asString();
    JsonNode task = awaitTask(id, "OPEN");
    Instant due = Instant.parse(task.path("dueAt").asString());
    assertThat(Duration.between(Instant.parse(task.path("createdAt").asString()), due))
        .isEqualTo(Duration.ofDays(2));

    advance(Duration.ofDays(2).plusMinutes(1));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode pushed = get("/api/tasks/" + task.path("id").asString()).body();
              assertThat(pushed.path("status").asString()).isEqualTo("OPEN");
              assertThat(pushed.path("pushes").asInt()).isEqualTo(1);
              assertThat(Instant.parse(pushed.path("dueAt").asString()))
                  .isAfter(due.plus(Duration.ofDays(2)));
            });
    assertThat(step(enrolment(id), "call").path("detail").asString())
        .startsWith("task window passed; pushed to the next window");

    Reply done =
        post("/api/tasks/" + task.path("id").asString() + "/complete", Map.of("outcome", "SENT"));
    assertThat(done.status()).isEqualTo(200);
    awaitStep(id, "call", "SENT");
  }

  @Test
  void aTaskMissedInEveryWindowItIsAllowedIsSkippedAndTheSequenceGoesOn() {
    Map<String, Object> prospect = prospect("manual-missed");
    String id = enrol(manualSequence(), prospect).path("id").asString();
    awaitTask(id, "OPEN");
    awaitStep(id, "call", "AWAITING_TASK");

    advance(Duration.ofDays(2).plusMinutes(1));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(id), "call").path("detail").asString())
                    .startsWith("task window passed; pushed"));
    advance(Duration.ofDays(2).plusMinutes(1));
    awaitStep(id, "call", "SKIPPED");
    assertThat(step(enrolment(id), "call").path("detail").asString())
        .isEqualTo("task window passed 2 times");
    assertThat(awaitTask(id, "CANCELLED").path("note").asString())
        .isEqualTo("task window passed 2 times");
    awaitStep(id, "after", "SENT");
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(1);
  }
}
