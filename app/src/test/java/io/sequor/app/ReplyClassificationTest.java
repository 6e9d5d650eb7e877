package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Human replies get a class from the rule set as they are recorded; a person can override it, and
 * the workspace decides which signals count as positive. Out-of-office answers are never replies.
 */
class ReplyClassificationTest extends EmbeddedRuntimeTest {

  private JsonNode awaitReply(String enrolmentId) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> get("/api/replies?enrolmentId=" + enrolmentId).body().path("items"),
            items -> items.size() == 1)
        .get(0);
  }

  private String repliedEnrolment(String name, String text) {
    String id = enrol(canonicalSequenceId(), prospect(name)).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    respond(id, Map.of("channel", "EMAIL", "kind", "REPLY", "text", text));
    return id;
  }

  @Test
  void aReplyAgreeingToACallIsPositiveUntilAPersonOverridesItAndTheOverrideIsKept() {
    String id =
        repliedEnrolment(
            "classified-call", "Happy to chat. Does Tuesday at 3pm work?\n\nBest,\nAda");
    JsonNode reply = awaitReply(id);
    assertThat(reply.path("kind").asString()).isEqualTo("REPLY");
    assertThat(reply.path("signal").asString()).isEqualTo("AGREES_TO_CALL");
    assertThat(reply.path("classification").asString()).isEqualTo("POSITIVE");
    assertThat(reply.path("overridden").asBoolean()).isFalse();
    String responseId = reply.path("responseId").asString();

    Reply changed =
        put(
            "/api/replies/" + responseId + "/classification",
            Map.of("classification", "NEUTRAL", "note", "a polite brush-off"));
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
    assertThat(changed.body().path("classification").asString()).isEqualTo("NEUTRAL");
    assertThat(changed.body().path("ruleClass").asString()).isEqualTo("POSITIVE");
    assertThat(changed.body().path("overridden").asBoolean()).isTrue();
    assertThat(changed.body().path("changes")).hasSize(1);
    assertThat(changed.body().path("changes").get(0).path("from").asString()).isEqualTo("POSITIVE");
    assertThat(changed.body().path("changes").get(0).path("note").asString())
        .isEqualTo("a polite brush-off");

    assertThat(get("/api/replies?overridden=true&enrolmentId=" + id).body().path("items").size())
        .isEqualTo(1);
    assertThat(
            get("/api/replies?classification=POSITIVE&enrolmentId=" + id)
                .body()
                .path("items")
                .size())
        .isZero();

    Reply badClass =
        put("/api/replies/" + responseId + "/classification", Map.of("classification", "MAYBE"));
    assertThat(badClass.status()).isEqualTo(400);
    assertThat(badClass.body().path("errors").get(0).path("field").asString())
        .isEqualTo("classification");
    assertThat(
            put(
                    "/api/replies/" + UUID.randomUUID() + "/classification",
                    Map.of("classification", "POSITIVE"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void anOutOfOfficeAnswerPausesButIsNeverAReply() {
    String id = enrol(canonicalSequenceId(), prospect("classified-ooo")).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    respond(
        id,
        Map.of(
            "channel", "EMAIL", "kind", "AUTO_REPLY", "text", "Out of office until next Monday"));
    awaitStatus(id, "PAUSED");
    assertThat(get("/api/replies?enrolmentId=" + id).body().path("items")).isEmpty();
  }

  @Test
  void theWorkspaceDecidesWhetherRoutingToTheOwnerIsPositive() {
    String id =
        repliedEnrolment(
            "classified-referral",
            "I'm not the right person for this. Please talk to Grace Hopper"
                + " (grace.hopper@example.com), she runs sales ops.");
    JsonNode reply = awaitReply(id);
    assertThat(reply.path("signal").asString()).isEqualTo("ROUTES_TO_OWNER");
    assertThat(reply.path("classification").asString()).isEqualTo("POSITIVE");
    String responseId = reply.path("responseId").asString();
    try {
      Reply narrowed =
          put(
              "/api/workspace/positive-replies",
              Map.of("signals", List.of("AGREES_TO_CALL", "ASKS_FOR_ASSET")));
      assertThat(narrowed.status()).as("%s", narrowed.body()).isEqualTo(200);
      assertThat(narrowed.body().path("reclassified").asInt()).isPositive();
      assertThat(get("/api/replies/" + responseId).body().path("classification").asString())
          .isEqualTo("REFERRAL");
      assertThat(get("/api/workspace/positive-replies").body().path("signals"))
          .extracting(JsonNode::asString)
          .containsExactlyInAnyOrder("AGREES_TO_CALL", "ASKS_FOR_ASSET");

      Reply notPositive =
          put("/api/workspace/positive-replies", Map.of("signals", List.of("NOT_INTERESTED")));
      assertThat(notPositive.status()).isEqualTo(400);
      assertThat(notPositive.body().path("errors").get(0).path("field").asString())
          .isEqualTo("signals");
      Reply unknown = put("/api/workspace/positive-replies", Map.of("signals", List.of("MAYBE")));
      assertThat(unknown.body().path("errors").get(0).path("field").asString())
          .isEqualTo("signals[0]");
    } finally {
      put(
          "/api/workspace/positive-replies",
          Map.of("signals", List.of("AGREES_TO_CALL", "ASKS_FOR_ASSET", "ROUTES_TO_OWNER")));
    }
    assertThat(get("/api/replies/" + responseId).body().path("classification").asString())
        .isEqualTo("POSITIVE");
  }
}
