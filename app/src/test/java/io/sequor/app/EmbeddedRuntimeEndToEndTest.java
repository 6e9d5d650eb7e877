package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a newcomer does from the README: enrol, advance the clock, read the mailbox and state. */
class EmbeddedRuntimeEndToEndTest extends EmbeddedRuntimeTest {

  @Test
  void enrolAdvanceTheClockAndSeeTheEmailAndTheStateOverHttp() {
    Map<String, Object> prospect = prospect("newcomer");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    Instant before = instant(get("/api/dev/clock").body().path("now"));

    Reply advanced = post("/api/dev/clock/advance", Map.of("by", "P1D"));
    assertThat(advanced.status()).isEqualTo(200);
    assertThat(instant(advanced.body().path("now")))
        .isAfterOrEqualTo(before.plus(Duration.ofDays(1)));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Reply mailbox = get("/api/dev/mailbox?to=" + prospect.get("email"));
              assertThat(mailbox.status()).isEqualTo(200);
              List<String> subjects =
                  mailbox.body().valueStream().map(m -> m.path("subject").asString()).toList();
              assertThat(subjects)
                  .containsExactly("Analytical Engines after your new Head of Sales role");
            });
    JsonNode mail = get("/api/dev/mailbox?to=" + prospect.get("email")).body().get(0);
    assertThat(mail.path("text").asString()).contains("Hi Ada,").doesNotContain("{{");
    JsonNode state = enrolment(id);
    assertThat(state.path("live").asBoolean()).isTrue();
    JsonNode email = step(state, "email-day-1");
    assertThat(email.path("status").asString()).isEqualTo("SENT");
    assertThat(mail.path("messageId").asString())
        .isEqualTo("<" + id + ".email-day-1@sequor.local>");
    assertThat(step(state, "day-0-inmail").path("creditSpent").asBoolean()).isTrue();
    assertThat(step(state, "day-3-bump").path("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void theClockOnlyMovesForward() {
    Reply reply = post("/api/dev/clock/advance", Map.of("by", "-P1D"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(EnrolmentApiTest.fields(reply)).containsExactly("by");
  }

  @Test
  void theOpenApiDescriptionListsTheEnrolmentEndpoints() {
    Reply docs = get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().path("paths").propertyNames())
        .contains(
            "/api/enrolments",
            "/api/enrolments/{id}/responses",
            "/api/sequences/{id}/versions",
            "/api/dev/clock/advance");
  }

  @Test
  void healthReportsTheDatabaseAndTemporal() {
    JsonNode health = get("/actuator/health").body();
    assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    assertThat(health.path("components").path("temporal").path("status").asString())
        .isEqualTo("UP");
  }
}
