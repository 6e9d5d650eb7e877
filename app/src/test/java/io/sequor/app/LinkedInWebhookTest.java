package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.domain.enrolments.StepExecutionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Signed provider events become responses once each; anything unsigned changes nothing. */
class LinkedInWebhookTest extends EmbeddedRuntimeTest {

  private static final String WEBHOOK = "/api/webhooks/linkedin";

  @Value("${sequor.linkedin.provider.webhook-secret}")
  String secret;

  @Autowired StepExecutionStore executions;

  @Test
  void aSignedReplyStopsTheSequenceAndRefundsTheInMail() {
    Map<String, Object> prospect = prospect("webhook-replier");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    String messageId = sentInMailId(id);

    Reply reply = deliver(reply(newEventId(), messageId, "Tuesday works."));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body().path("outcome").asString()).isEqualTo("RECORDED");
    assertThat(reply.body().path("enrolmentId").asString()).isEqualTo(id);
    awaitStatus(id, "STOPPED");
    JsonNode state = enrolment(id);
    assertThat(state.path("stopReason").asString()).isEqualTo("REPLIED");
    JsonNode response = state.path("responses").get(0);
    assertThat(response.path("channel").asString()).isEqualTo("LINKEDIN");
    assertThat(response.path("kind").asString()).isEqualTo("REPLY");
    assertThat(response.path("body").asString()).isEqualTo("Tuesday works.");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode credits = enrolment(id).path("credits");
              assertThat(credits.path("spent").asInt()).isEqualTo(1);
              assertThat(credits.path("refunded").asInt()).isEqualTo(1);
            });
    assertThat(step(enrolment(id), "day-0-inmail").path("creditRefunded").asBoolean()).isTrue();
    advance(Duration.ofDays(4));
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).as("no day-3 bump").hasSize(1);
  }

  @Test
  void theSameEventDeliveredRepeatedlyAndConcurrentlyIsRecordedOnce() throws Exception {
    String id = enrol(canonicalSequenceId(), prospect("webhook-repeat")).path("id").asString();
    String event = reply(newEventId(), sentInMailId(id), "Yes, let's talk.");

    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Reply>> deliveries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      deliveries.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return deliver(event);
              }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (CompletableFuture<Reply> delivery : deliveries) {
      Reply reply = delivery.get();
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
      outcomes.add(reply.body().path("outcome").asString());
    }
    awaitStatus(id, "STOPPED");
    Reply late = deliver(event);

    assertThat(outcomes)
        .containsExactlyInAnyOrder("RECORDED", "DUPLICATE", "DUPLICATE", "DUPLICATE");
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.body().path("outcome").asString()).isEqualTo("DUPLICATE");
    assertThat(enrolment(id).path("responses")).hasSize(1);
  }

  @Test
  void anEventForAnUnknownMessageIsAcceptedAndListedForReview() {
    String eventId = newEventId();
    String unknown = "msg-nobody-sent-" + UUID.randomUUID();

    Reply reply = deliver(reply(eventId, unknown, "Who is this?"));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(202);
    assertThat(reply.body().path("outcome").asString()).isEqualTo("UNMATCHED");
    JsonNode listed = unmatched(eventId);
    assertThat(listed).isNotNull();
    assertThat(listed.path("type").asString()).isEqualTo("message.received");
    assertThat(listed.path("relatedMessageId").asString()).isEqualTo(unknown);
    assertThat(listed.path("text").asString()).isEqualTo("Who is this?");
    assertThat(deliver(reply(eventId, unknown, "Who is this?")).status())
        .as("a repeat is a duplicate, not a second review item")
        .isEqualTo(200);
  }

  @Test
  void anEventTypeSequorDoesNotActOnIsAnsweredAndNotStored() {
    String eventId = newEventId();
    String body = json(Map.of("id", eventId, "type", "message.read", "related", Map.of()));

    Reply reply = deliver(body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("outcome").asString()).isEqualTo("IGNORED");
    assertThat(unmatched(eventId)).isNull();
  }

  @Test
  void aSignedEventWithoutItsIdIsABadRequestNamingTheField() {
    Reply reply =
        deliver(json(Map.of("type", "message.received", "related", Map.of("message_id", "m"))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("errors").get(0).path("field").asString()).isEqualTo("id");
  }

  @Nested
  class Refused {

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() {
      String id = enrol(canonicalSequenceId(), prospect("webhook-forged")).path("id").asString();
      String event = reply(newEventId(), sentInMailId(id), "Forged.");
      Reply forged = postSigned(WEBHOOK, "not-the-shared-secret", event);

      assertThat(forged.status()).isEqualTo(401);
      assertThat(forged.body().path("title").asString()).isEqualTo("Signature rejected");
      assertThat(forged.body().path("detail").asString()).contains("does not match");
      JsonNode state = enrolment(id);
      assertThat(state.path("status").asString()).isEqualTo("ACTIVE");
      assertThat(state.path("responses")).isEmpty();
      assertThat(deliver(event).body().path("outcome").asString())
          .as("the refused delivery did not use up the event id")
          .isEqualTo("RECORDED");
    }

    @Test
    void anUnsignedDeliveryIsRefused() {
      String eventId = newEventId();

      Reply reply = post(WEBHOOK, reply(eventId, "msg-unsigned", "Hello"));

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.body().path("detail").asString()).contains("header is missing");
      assertThat(unmatched(eventId)).isNull();
    }

    @Test
    void aDeliverySignedMoreThanFiveMinutesAgoIsRefusedAsAReplay() {
      String eventId = newEventId();
      String event = reply(eventId, "msg-replayed", "Hello");
      String stale = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());

      Reply reply =
          post(
              WEBHOOK,
              event,
              "X-Sequor-Timestamp",
              stale,
              "X-Sequor-Signature",
              signature(secret, stale, event));

      assertThat(reply.status()).isEqualTo(401);
      assertThat(unmatched(eventId)).isNull();
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
      String eventId = newEventId();
      String now = String.valueOf(Instant.now().getEpochSecond());
      String signed = signature(secret, now, reply(eventId, "msg-tampered", "Hello"));

      Reply reply =
          post(
              WEBHOOK,
              reply(eventId, "msg-tampered", "Hello!"),
              "X-Sequor-Timestamp",
              now,
              "X-Sequor-Signature",
              signed);

      assertThat(reply.status()).isEqualTo(401);
      assertThat(unmatched(eventId)).isNull();
    }
  }

  private String sentInMailId(String enrolmentId) {
    awaitStep(enrolmentId, "day-0-inmail", "SENT");
    String messageId = executions.find(enrolmentId + ":day-0-inmail").orElseThrow().messageId();
    assertThat(messageId).as("the provider's id for the day-0 InMail").isNotBlank();
    return messageId;
  }

  private static String newEventId() {
    return "evt-" + UUID.randomUUID();
  }

  private String reply(String eventId, String messageId, String text) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", eventId);
    event.put("type", "message.received");
    event.put("related", Map.of("message_id", messageId));
    event.put("text", text);
    return json(event);
  }

  private String json(Object value) {
    return json.writeValueAsString(value);
  }

  /** Posts the body signed as a provider would, with the shared secret and the current time. */
  private Reply deliver(String body) {
    return postSigned(WEBHOOK, secret, body);
  }

  private JsonNode unmatched(String eventId) {
    Reply list = get(WEBHOOK + "/unmatched?limit=500");
    assertThat(list.status()).isEqualTo(200);
    for (JsonNode event : list.body()) {
      if (event.path("eventId").asString().equals(eventId)) {
        return event;
      }
    }
    return null;
  }
}
