package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.api.dev.DevMailbox;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Moving live enrolments to a new version: nothing sent twice, the audit record kept. */
class VersionMigrationTest extends EmbeddedRuntimeTest {

  @Test
  void aMigratedEnrolmentTakesTheNewStepsAtItsNextStepAndNeverResendsASentOne() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "migrate " + UUID.randomUUID(),
                "steps",
                List.of(
                    email("opener", 0, "Hello {{company}}", "Hi {{first_name}}, v1 opener.\n"),
                    email("bump", 3, null, "{{first_name}}, v1 bump.\n"),
                    email("last", 7, null, "{{first_name}}, v1 last.\n"))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String sequenceId = created.body().path("sequenceId").asString();
    Map<String, Object> moving = prospect("moving");
    Map<String, Object> staying = prospect("staying");
    String moved = enrol(sequenceId, moving).path("id").asString();
    String kept = enrol(sequenceId, staying).path("id").asString();
    awaitStep(moved, "opener", "SENT");
    awaitStep(kept, "opener", "SENT");

    Reply v2 =
        post(
            "/api/sequences/" + sequenceId + "/versions",
            Map.of(
                "steps",
                List.of(
                    email(
                        "opener", 0, "Hello again {{company}}", "Hi {{first_name}}, v2 opener.\n"),
                    email("nudge", 1, null, "{{first_name}}, v2 nudge.\n"),
                    email("bump", 3, null, "{{first_name}}, v2 bump.\n"),
                    email("closing", 10, null, "{{first_name}}, v2 closing.\n"))));
    assertThat(v2.status()).as("%s", v2.body()).isEqualTo(201);

    advance(Duration.ofDays(2));
    Reply migrated =
        post(
            "/api/sequences/" + sequenceId + "/migrations",
            Map.of("toVersion", 2, "enrolmentIds", List.of(moved)));
    assertThat(migrated.status()).as("%s", migrated.body()).isEqualTo(202);
    JsonNode record = migrated.body().path("enrolments").get(0);
    assertThat(record.path("outcome").asString()).isEqualTo("MIGRATED");
    assertThat(record.path("fromVersion").asInt()).isEqualTo(1);
    assertThat(record.path("toVersion").asInt()).isEqualTo(2);
    assertThat(record.path("requestedBy").asString()).isNotBlank();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode audit = get("/api/enrolments/" + moved + "/migrations").body().get(0);
              assertThat(audit.path("appliedAt").isNull()).isFalse();
              assertThat(enrolment(moved).path("sequenceVersion").asInt()).isEqualTo(2);
            });

    advance(Duration.ofDays(2));
    awaitStep(moved, "bump", "SENT");
    awaitStep(kept, "bump", "SENT");
    advance(Duration.ofDays(7));
    awaitStep(moved, "closing", "SENT");
    awaitStep(kept, "last", "SENT");

    JsonNode movedState = enrolment(moved);
    assertThat(step(movedState, "nudge").path("status").asString())
        .as("a new step whose day had passed is skipped, not sent late")
        .isEqualTo("SKIPPED");
    assertThat(bodies(moving))
        .containsExactly("v1 opener", "v2 bump", "v2 closing")
        .as("the opener, sent before the move, went out once");
    assertThat(bodies(staying))
        .as("an enrolment nobody moved stays on its version")
        .containsExactly("v1 opener", "v1 bump", "v1 last");
    assertThat(enrolment(kept).path("sequenceVersion").asInt()).isEqualTo(1);
  }

  @Test
  void aMigrationNamesWhatIsWrongAndRecordsEnrolmentsThatCannotMove() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "migrate bad " + UUID.randomUUID(),
                "steps",
                List.of(email("opener", 0, "Hello {{company}}", "Hi.\n"))));
    String sequenceId = created.body().path("sequenceId").asString();
    Reply noVersion =
        post(
            "/api/sequences/" + sequenceId + "/migrations",
            Map.of("toVersion", 9, "enrolmentIds", List.of(UUID.randomUUID().toString())));
    assertThat(noVersion.status()).isEqualTo(400);
    assertThat(noVersion.body().path("errors").get(0).path("field").asString())
        .isEqualTo("toVersion");
    Reply neither = post("/api/sequences/" + sequenceId + "/migrations", Map.of("toVersion", 1));
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.body().path("errors").get(0).path("field").asString())
        .isEqualTo("enrolmentIds");

    String enrolmentId = enrol(sequenceId, prospect("same")).path("id").asString();
    Reply same =
        post(
            "/api/sequences/" + sequenceId + "/migrations",
            Map.of("toVersion", 1, "enrolmentIds", List.of(enrolmentId)));
    assertThat(same.status()).isEqualTo(202);
    assertThat(same.body().path("enrolments").get(0).path("outcome").asString())
        .isEqualTo("ALREADY_ON_VERSION");
  }

  private List<String> bodies(Map<String, Object> prospect) {
    return emailsTo(prospect.get("email")).stream()
        .map(DevMailbox.Mail::text)
        .map(text -> text.replaceAll("(?s).*(v\\d \\w+)\\..*", "$1"))
        .toList();
  }

  private static Map<String, Object> email(String key, int day, String subject, String body) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("key", key);
    step.put("channel", "EMAIL");
    step.put("dayOffset", day);
    if (subject != null) {
      step.put("subject", subject);
    }
    step.put("body", body);
    return step;
  }
}
