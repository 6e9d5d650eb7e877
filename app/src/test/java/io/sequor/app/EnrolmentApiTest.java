package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.workflows.enrolment.EnrolmentInput;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Enrolling over HTTP: idempotency, duplicates and clear errors. */
class EnrolmentApiTest extends EmbeddedRuntimeTest {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  @Nested
  class Idempotency {

    @Test
    void theSameIdempotencyKeyTwiceMakesOneEnrolmentAndOneWorkflow() {
      Map<String, Object> body =
          Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect("idem"));
      Reply first = post("/api/enrolments", body, "Idempotency-Key", "idem-" + body.hashCode());
      Reply second = post("/api/enrolments", body, "Idempotency-Key", "idem-" + body.hashCode());

      assertThat(first.status()).isEqualTo(201);
      assertThat(second.status()).isEqualTo(200);
      String id = first.body().path("id").asString();
      assertThat(second.body().path("id").asString()).isEqualTo(id);
      String prospectId = first.body().path("prospectId").asString();
      assertThat(
              jdbc.sql("SELECT count(*) FROM enrolments WHERE prospect_id = ?::uuid")
                  .param(prospectId)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
      assertThat(
              temporal.newUntypedWorkflowStub(EnrolmentInput.workflowId(id)).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefusedNamingTheHeader() {
      String key = "idem-different-" + System.nanoTime();
      String sequenceId = canonicalSequenceId();
      assertThat(
              post(
                      "/api/enrolments",
                      Map.of("sequenceId", sequenceId, "prospect", prospect("a")),
                      "Idempotency-Key",
                      key)
                  .status())
          .isEqualTo(201);
      Reply reused =
          post(
              "/api/enrolments",
              Map.of("sequenceId", sequenceId, "prospect", prospect("b")),
              "Idempotency-Key",
              key);
      assertThat(reused.status()).isEqualTo(400);
      assertThat(fields(reused)).containsExactly("Idempotency-Key");
    }

    @Test
    void theSameProspectTwiceInOneSequenceIsAConflictNamingTheExistingEnrolment() {
      String sequenceId = canonicalSequenceId();
      Map<String, Object> prospect = prospect("twice");
      String first = enrol(sequenceId, prospect).path("id").asString();

      Reply second =
          post("/api/enrolments", Map.of("sequenceId", sequenceId, "prospect", prospect));

      assertThat(second.status()).isEqualTo(409);
      assertThat(second.body().path("existingId").asString()).isEqualTo(first);
    }
  }

  @Nested
  class BadInput {

    @Test
    void aMissingPlaceholderValueNamesTheProspectFieldAndWritesNothing() {
      Map<String, Object> prospect = new HashMap<>(prospect("no-trigger"));
      prospect.put("fields", Map.of());
      Reply reply =
          post(
              "/api/enrolments", Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply)).contains("prospect.fields.trigger");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("{{trigger}}");
      assertThat(
              jdbc.sql("SELECT count(*) FROM prospects WHERE email = ?")
                  .param(prospect.get("email"))
                  .query(Long.class)
                  .single())
          .as("the prospect was not half-written")
          .isZero();
    }

    @Test
    void anInvalidEmailAndAnUnknownTimezoneAreEachNamed() {
      Map<String, Object> prospect = new HashMap<>(prospect("bad"));
      prospect.put("email", "not-an-address");
      prospect.put("timezone", "Mars/Olympus_Mons");
      Reply reply =
          post(
              "/api/enrolments", Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply)).contains("prospect.email", "prospect.timezone");
    }

    @Test
    void anUnknownSequenceIsNamed() {
      Reply reply =
          post(
              "/api/enrolments",
              Map.of(
                  "sequenceId",
                  "00000000-0000-0000-0000-000000000000",
                  "prospect",
                  prospect("nowhere")));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply)).containsExactly("sequenceId");
    }

    @Test
    void aMalformedIdInTheBodyIsNamed() {
      Reply reply =
          post("/api/enrolments", Map.of("sequenceId", "nope", "prospect", prospect("x")));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply)).containsExactly("sequenceId");
    }

    @Test
    void anUnknownEnrolmentIs404AndAMalformedOneIs400() {
      assertThat(get("/api/enrolments/00000000-0000-0000-0000-000000000000").status())
          .isEqualTo(404);
      Reply malformed = get("/api/enrolments/not-a-uuid");
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(fields(malformed)).containsExactly("id");
    }

    @Test
    void aResponseWithAnUnknownKindIsNamed() {
      String id = enrol(canonicalSequenceId(), prospect("kind")).path("id").asString();
      Reply reply =
          post("/api/enrolments/" + id + "/responses", Map.of("channel", "EMAIL", "kind", "SHRUG"));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply)).containsExactly("kind");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("REPLY", "AUTO_REPLY");
    }
  }

  @Nested
  class Lifecycle {

    @Test
    void pauseResumeAndStopAreReflectedInTheStateAndTheList() {
      String id = enrol(canonicalSequenceId(), prospect("lifecycle")).path("id").asString();
      awaitStep(id, "day-0-inmail", "SENT");

      assertThat(post("/api/enrolments/" + id + "/pause", "").status()).isEqualTo(200);
      awaitStatus(id, "PAUSED");
      assertThat(ids(get("/api/enrolments?status=PAUSED").body().path("items"))).contains(id);

      assertThat(post("/api/enrolments/" + id + "/resume", "").status()).isEqualTo(200);
      awaitStatus(id, "ACTIVE");

      assertThat(post("/api/enrolments/" + id + "/stop", "").status()).isEqualTo(200);
      awaitStatus(id, "STOPPED");
      assertThat(enrolment(id).path("stopReason").asString()).isEqualTo("STOPPED_BY_USER");
      assertThat(ids(get("/api/enrolments?status=STOPPED").body().path("items"))).contains(id);
      assertThat(ids(get("/api/enrolments?status=ACTIVE").body().path("items"))).doesNotContain(id);
    }
  }

  private static List<String> ids(JsonNode list) {
    return list.valueStream().map(e -> e.path("id").asString()).toList();
  }

  static List<String> fields(Reply reply) {
    return reply.body().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
  }
}
