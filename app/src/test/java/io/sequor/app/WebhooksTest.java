package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Outbound webhooks end to end: a real HTTP receiver on a local port, the events of real
 * enrolments, deliveries through the Temporal workflow with its retries, and signatures checked the
 * way docs/webhooks.md tells a receiver to check them.
 */
class WebhooksTest extends EmbeddedRuntimeTest {

  private static final List<String> ALL =
      List.of(
          "enrolment.enrolled",
          "step.sent",
          "response.replied",
          "response.auto_replied",
          "response.bounced",
          "prospect.unsubscribed",
          "credit.spent",
          "credit.refunded",
          "enrolment.finished");

  private static final List<String> TERMINI = List.of("enrolment.enrolled", "enrolment.finished");

  @Autowired JdbcClient jdbc;

  private final List<WebhookReceiver> receivers = new ArrayList<>();
  private final List<String> subscriptions = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    subscriptions.forEach(id -> delete("/api/webhooks/" + id));
    receivers.forEach(WebhookReceiver::close);
  }

  @Test
  void aReceiverDownForAWhileGetsEveryEventOnceInOrderWithSignaturesThatVerify() {
    WebhookReceiver receiver = track(WebhookReceiver.down());
    JsonNode created = subscribe(receiver, ALL);
    String subscription = created.path("id").asString();
    String secret = created.path("secret").asString();

    Map<String, Object> prospect = prospect("hooked");
    String enrolment = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(enrolment, "day-0-inmail", "SENT");
    respond(enrolment, Map.of("channel", "LINKEDIN", "kind", "REPLY", "text", "Tuesday works."));
    awaitStatus(enrolment, "STOPPED");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(eventTypes(enrolment))
                    .contains("credit.refunded", "enrolment.finished"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(deliveries(subscription, "PENDING"))
                    .anySatisfy(
                        d -> {
                          assertThat(d.path("attempts").asInt()).isPositive();
                          assertThat(d.path("lastError").asString()).contains("refused");
                        }));
    assertThat(receiver.accepted).isEmpty();

    receiver.start();
    advance(Duration.ofMinutes(10));

    List<String> logged = eventIds(enrolment, ALL);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(receivedIds(receiver, enrolment)).containsAll(logged));
    List<String> received = receivedIds(receiver, enrolment);
    assertThat(received).as("each event id once").doesNotHaveDuplicates();
    assertThat(received).as("every logged event, none other").hasSameElementsAs(logged);
    assertThat(eventTypesOf(receiver, enrolment))
        .contains(
            "enrolment.enrolled",
            "step.sent",
            "credit.spent",
            "response.replied",
            "credit.refunded",
            "enrolment.finished");
    assertThat(received)
        .as("in the order the delivery log queued them")
        .containsExactlyElementsOf(
            deliveredInQueueOrder(subscription).stream().filter(logged::contains).toList());

    for (WebhookReceiver.Received r : receiver.accepted) {
      assertThat(verifies(secret, r.timestamp(), r.body(), r.signature()))
          .as("signature of %s", r.eventId())
          .isTrue();
      JsonNode body = json.readTree(r.body());
      assertThat(body.path("id").asString()).isEqualTo(r.eventId());
      assertThat(body.path("workspaceId").asString())
          .isEqualTo("00000000-0000-4000-8000-000000000001");
      assertThat(body.has("occurredAt") && body.has("type")).isTrue();
      assertThat(r.body()).doesNotContain((String) prospect.get("email"));
    }
    WebhookReceiver.Received any = receiver.accepted.get(0);
    assertThat(
            verifies(
                secret,
                any.timestamp(),
                any.body().replace("\"type\":\"", "\"type\":\"x"),
                any.signature()))
        .as("a tampered body fails")
        .isFalse();
    assertThat(verifies("whsec_not-the-secret", any.timestamp(), any.body(), any.signature()))
        .isFalse();
  }

  @Test
  void aReceiverFailingPastTheGiveUpIsDisabledWithTheReasonAndGetsTheMissedEventsWhenEnabled() {
    WebhookReceiver receiver = track(WebhookReceiver.up());
    receiver.answer.set(503);
    String subscription = subscribe(receiver, TERMINI).path("id").asString();

    String enrolment = enrol(canonicalSequenceId(), prospect("unheard")).path("id").asString();
    await().atMost(PATIENCE).until(() -> receiver.refusedWith.get() > 0);
    assertThat(post("/api/enrolments/" + enrolment + "/stop", Map.of()).status()).isEqualTo(200);
    awaitStatus(enrolment, "STOPPED");

    advance(Duration.ofDays(4));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode state = get("/api/webhooks/" + subscription).body();
              assertThat(state.path("status").asString()).isEqualTo("DISABLED");
              assertThat(state.path("disabledReason").asString()).contains("HTTP 503");
              assertThat(state.path("disabledAt").isNull()).isFalse();
            });
    assertThat(deliveries(subscription, "FAILED"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path("eventType").asString()).isEqualTo("enrolment.enrolled");
              assertThat(d.path("lastStatusCode").asInt()).isEqualTo(503);
              assertThat(d.path("nextAttemptAt").isNull()).isTrue();
            });
    assertThat(receiver.accepted).isEmpty();

    receiver.answer.set(204);
    JsonNode enabled = post("/api/webhooks/" + subscription + "/enable", Map.of()).body();
    assertThat(enabled.path("status").asString()).isEqualTo("ENABLED");
    assertThat(enabled.path("disabledReason").isNull()).isTrue();

    List<String> logged = eventIds(enrolment, TERMINI);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(receivedIds(receiver, enrolment)).containsAll(logged));
    assertThat(eventTypesOf(receiver, enrolment))
        .containsExactly("enrolment.enrolled", "enrolment.finished");
  }

  @Test
  void replayResendsTheRangesEventsUnderTheSameIds() {
    WebhookReceiver receiver = track(WebhookReceiver.up());
    String subscription = subscribe(receiver, TERMINI).path("id").asString();
    Instant before = clock.now().minusSeconds(1);
    String enrolment = enrol(canonicalSequenceId(), prospect("replayed")).path("id").asString();
    post("/api/enrolments/" + enrolment + "/stop", Map.of());
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(receivedIds(receiver, enrolment)).hasSize(2));
    List<String> logged = eventIds(enrolment, TERMINI);
    assertThat(receivedIds(receiver, enrolment)).containsExactlyElementsOf(logged);

    Reply replay =
        post(
            "/api/webhooks/" + subscription + "/replay",
            Map.of("from", before.toString(), "to", clock.now().plusSeconds(1).toString()));
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.body().path("queued").asInt()).isGreaterThanOrEqualTo(2);

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(receivedIds(receiver, enrolment)).hasSize(4));
    List<String> received = receivedIds(receiver, enrolment);
    assertThat(received.subList(2, 4)).containsExactlyElementsOf(received.subList(0, 2));
    assertThat(received).containsAll(logged);
    assertThat(deliveries(subscription, "DELIVERED"))
        .filteredOn(d -> d.path("replay").asBoolean())
        .extracting(d -> d.path("eventId").asString())
        .containsAll(logged);
  }

  @Test
  void aPatchChangesOnlyWhatIsGivenAndNoListingShowsTheSecret() {
    WebhookReceiver receiver = track(WebhookReceiver.up());
    String id = subscribe(receiver, List.of("step.sent")).path("id").asString();
    assertThat(patch("/api/webhooks/" + id, Map.of("events", List.of("response.replied"))))
        .isEqualTo(200);
    JsonNode changed = get("/api/webhooks/" + id).body();
    assertThat(changed.path("events").get(0).asString()).isEqualTo("response.replied");
    assertThat(changed.path("url").asString()).isEqualTo(receiver.url());
    assertThat(changed.path("description").asString()).isEqualTo("test receiver");
    assertThat(changed.has("secret")).isFalse();
    assertThat(get("/api/webhooks").body().toString()).doesNotContain("whsec_");
  }

  @Test
  void theOpenApiDescriptionDocumentsEveryWebhookOperation() {
    JsonNode paths = get("/v3/api-docs").body().path("paths");
    List<String> operations = new ArrayList<>();
    for (String path : paths.propertyNames()) {
      if (!path.startsWith("/api/webhooks")
          || path.startsWith("/api/webhooks/linkedin")
          || path.startsWith("/api/webhooks/inbound-email")
          || path.startsWith("/api/webhooks/meetings")) {
        continue;
      }
      for (String method : paths.path(path).propertyNames()) {
        JsonNode operation = paths.path(path).path(method);
        operations.add(method + " " + path);
        assertThat(operation.path("summary").asString()).as(method + " " + path).isNotBlank();
        assertThat(operation.path("description").asString()).as(method + " " + path).isNotBlank();
        assertThat(operation.path("parameters").toString()).doesNotContain("workspaceId");
      }
    }
    assertThat(operations)
        .containsExactlyInAnyOrder(
            "post /api/webhooks",
            "get /api/webhooks",
            "get /api/webhooks/{id}",
            "patch /api/webhooks/{id}",
            "delete /api/webhooks/{id}",
            "post /api/webhooks/{id}/enable",
            "post /api/webhooks/{id}/replay",
            "get /api/webhooks/{id}/deliveries");
  }

  @Nested
  class Mistakes {

    @Test
    void aBadUrlAndAnUnknownEventAreNamedAndNothingIsCreated() {
      int before = get("/api/webhooks").body().size();
      Reply reply =
          post(
              "/api/webhooks",
              Map.of("url", "ftp://crm.example.com/x", "events", List.of("step.sent", "nope")));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply.body())).containsExactlyInAnyOrder("url", "events[1]");
      assertThat(
              post(
                      "/api/webhooks",
                      Map.of("url", "http://crm.example.com/x", "events", List.of("step.sent")))
                  .status())
          .as("plain http to another host")
          .isEqualTo(400);
      assertThat(get("/api/webhooks").body().size()).isEqualTo(before);
    }

    @Test
    void anotherWorkspacesSubscriptionAnswers404LikeAnUnknownOneAndIsLeftAlone() {
      UUID workspace = UUID.randomUUID();
      UUID foreign = UUID.randomUUID();
      jdbc.sql("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, now())")
          .params(workspace, "other-" + workspace)
          .update();
      jdbc.sql(
              "INSERT INTO webhook_subscriptions (id, workspace_id, url, events, secret_sealed,"
                  + " status, created_at, updated_at) VALUES (?, ?, 'https://other.example.com',"
                  + " '{step.sent}', 'gcm1:x:y', 'ENABLED', now(), now())")
          .params(foreign, workspace)
          .update();
      String path = "/api/webhooks/" + foreign;
      assertThat(get(path).status()).isEqualTo(404);
      assertThat(get("/api/webhooks/" + UUID.randomUUID()).status()).isEqualTo(404);
      assertThat(patch(path, Map.of("url", "https://mine.example.com"))).isEqualTo(404);
      assertThat(post(path + "/enable", Map.of()).status()).isEqualTo(404);
      assertThat(get(path + "/deliveries").status()).isEqualTo(404);
      assertThat(delete(path).status()).isEqualTo(404);
      assertThat(ids(get("/api/webhooks").body())).doesNotContain(foreign.toString());
      assertThat(
              jdbc.sql("SELECT url FROM webhook_subscriptions WHERE id = ?")
                  .param(foreign)
                  .query(String.class)
                  .single())
          .isEqualTo("https://other.example.com");
    }

    @Test
    void anUnknownStatusFilterIsNamed() {
      WebhookReceiver receiver = track(WebhookReceiver.up());
      String id = subscribe(receiver, List.of("step.sent")).path("id").asString();
      Reply reply = get("/api/webhooks/" + id + "/deliveries?status=LOST");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(fields(reply.body())).containsExactly("status");
      assertThat(patch("/api/webhooks/" + id, Map.of("events", List.of()))).isEqualTo(400);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The check docs/webhooks.md describes, written from the description alone. */
  static boolean verifies(String secret, String timestamp, String body, String header) {
    long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
    if (age > 300 || header == null || !header.startsWith("v1=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      byte[] given = HexFormat.of().parseHex(header.substring(3));
      return MessageDigest.isEqual(expected, given);
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
    return fields;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(s -> ids.add(s.path("id").asString()));
    return ids;
  }

  private WebhookReceiver track(WebhookReceiver receiver) {
    receivers.add(receiver);
    return receiver;
  }

  private JsonNode subscribe(WebhookReceiver receiver, List<String> events) {
    Reply reply =
        post(
            "/api/webhooks",
            Map.of("url", receiver.url(), "events", events, "description", "test receiver"));
    assertThat(reply.status()).as("subscribe: %s", reply.body()).isEqualTo(201);
    assertThat(reply.body().path("secret").asString()).startsWith("whsec_");
    subscriptions.add(reply.body().path("id").asString());
    return reply.body();
  }

  private List<JsonNode> deliveries(String subscription, String status) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      Reply page =
          get(
              "/api/webhooks/"
                  + subscription
                  + "/deliveries?limit=50&status="
                  + status
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.body().path("deliveries").forEach(all::add);
      cursor =
          page.body().path("nextCursor").isNull()
              ? null
              : page.body().path("nextCursor").asString();
    } while (cursor != null);
    return all;
  }

  /** Event ids of the subscription's first (not replayed) deliveries, oldest first. */
  private List<String> deliveredInQueueOrder(String subscription) {
    List<JsonNode> delivered = new ArrayList<>(deliveries(subscription, "DELIVERED"));
    Collections.reverse(delivered);
    return delivered.stream()
        .filter(d -> !d.path("replay").asBoolean())
        .map(d -> d.path("eventId").asString())
        .toList();
  }

  /** The ids of the enrolment's logged events of these types, in the order they were logged. */
  private List<String> eventIds(String enrolment, List<String> types) {
    return jdbc.sql(
            "SELECT id::text FROM events WHERE enrolment_id = ? AND type = ANY(?) ORDER BY seq")
        .params(UUID.fromString(enrolment), types.toArray(String[]::new))
        .query(String.class)
        .list();
  }

  private List<String> eventTypes(String enrolment) {
    return jdbc.sql("SELECT type FROM events WHERE enrolment_id = ? ORDER BY seq")
        .param(UUID.fromString(enrolment))
        .query(String.class)
        .list();
  }

  private List<String> receivedIds(WebhookReceiver receiver, String enrolment) {
    return receiver.accepted.stream()
        .filter(
            r ->
                json.readTree(r.body())
                    .path("data")
                    .path("enrolmentId")
                    .asString()
                    .equals(enrolment))
        .map(WebhookReceiver.Received::eventId)
        .toList();
  }

  private List<String> eventTypesOf(WebhookReceiver receiver, String enrolment) {
    return receiver.accepted.stream()
        .map(r -> json.readTree(r.body()))
        .filter(b -> b.path("data").path("enrolmentId").asString().equals(enrolment))
        .map(b -> b.path("type").asString())
        .distinct()
        .toList();
  }

  private int patch(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build())
        .status();
  }
}
