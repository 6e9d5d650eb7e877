package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * After an InMail through the HTTP provider, the provider's own count of the seat's credits is read
 * and shown beside the ledger's, so a drift between the two is visible; a failed read changes
 * nothing about the send.
 */
class ProviderCreditBalanceTest extends EmbeddedRuntimeTest {

  private static final String CREDITS_READ = "/api/v1/accounts/acc-test/credits";

  @Autowired ProviderSeats providerSeats;
  @Autowired WorkflowClient temporal;

  private FakeLinkedInProvider provider() {
    return providerSeats.provider();
  }

  /** A seat on the five-credit plan whose LinkedIn steps go through the fake provider. */
  private String providerSeat() {
    String seat = newSeat("test-five");
    providerSeats.add(seat);
    return seat;
  }

  private String oneInMailSequence() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "provider credits " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "hello",
                        "channel", "LINKEDIN_INMAIL",
                        "dayOffset", 0,
                        "subject", "Hello {{first_name}}",
                        "body", "Hi {{first_name}}, one question about {{company}}?"))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  private long sendsOf(String enrolmentId) {
    return provider().requests("/api/v1/chats").stream()
        .filter(r -> (enrolmentId + ":hello").equals(r.idempotencyKey()))
        .count();
  }

  /** The attempt each LinkedIn send activity of the enrolment finished on. */
  private List<Integer> sendAttempts(String enrolmentId) {
    List<HistoryEvent> events =
        temporal.fetchHistory("enrolment-" + enrolmentId).getHistory().getEventsList();
    Set<Long> sends =
        events.stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("SendLinkedIn"))
            .map(HistoryEvent::getEventId)
            .collect(Collectors.toSet());
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .map(HistoryEvent::getActivityTaskStartedEventAttributes)
        .filter(started -> sends.contains(started.getScheduledEventId()))
        .map(started -> started.getAttempt())
        .toList();
  }

  private JsonNode providerCredits(String seat) {
    return get("/api/seats/" + seat).body().path("providerCredits");
  }

  private void awaitReport(String seat) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(providerCredits(seat).path("reported").isInt()).isTrue());
  }

  @Test
  void aPaidInMailRecordsTheProvidersCountAndTheSeatShowsHowFarTheLedgerIsOff() {
    String seat = providerSeat();
    assertThat(providerCredits(seat).path("reported").isNull()).isTrue();
    assertThat(providerCredits(seat).path("difference").isNull()).as("never reported").isTrue();
    provider().reportCredits(3);
    Instant before = clock.now();

    String id = enrolOn(oneInMailSequence(), prospect("provider-credits"), seat);
    awaitStep(id, "hello", "SENT");
    awaitReport(seat);

    JsonNode view = get("/api/seats/" + seat).body();
    assertThat(view.path("balance").asInt()).as("the ledger spent one of five").isEqualTo(4);
    JsonNode reported = view.path("providerCredits");
    assertThat(reported.path("reported").asInt()).isEqualTo(3);
    assertThat(reported.path("ledgerBalance").asInt()).isEqualTo(4);
    assertThat(reported.path("difference").asInt()).isEqualTo(-1);
    assertThat(instant(reported.path("reportedAt"))).isBetween(before, clock.now());
    assertThat(sendsOf(id)).as("the InMail went through the provider, once").isEqualTo(1);
  }

  @Test
  void aFailedCreditReadLeavesTheInMailSentAndNothingReported() {
    String seat = providerSeat();
    provider().failCreditReads(503);
    int readsBefore = provider().requests(CREDITS_READ).size();

    String id = enrolOn(oneInMailSequence(), prospect("provider-credits-down"), seat);
    awaitStep(id, "hello", "SENT");

    assertThat(provider().requests(CREDITS_READ)).hasSizeGreaterThan(readsBefore);
    assertThat(step(enrolment(id), "hello").path("creditSpent").asBoolean()).isTrue();
    assertThat(sendsOf(id)).as("the send is not retried").isEqualTo(1);
    assertThat(sendAttempts(id)).as("the activity succeeded at once").containsExactly(1);
    JsonNode view = get("/api/seats/" + seat).body();
    assertThat(view.path("balance").asInt()).isEqualTo(4);
    assertThat(view.path("providerCredits").path("reported").isNull()).isTrue();
    assertThat(view.path("providerCredits").path("difference").isNull()).isTrue();
  }

  @Test
  void anOutOfCreditsAnswerShowsTheCreditsTheLedgerStillCounts() {
    String seat = providerSeat();
    Map<String, Object> prospect = prospect("provider-credits-empty");
    provider()
        .refuseNextSendTo(
            (String) prospect.get("linkedinUrl"), 402, "{\"code\":\"insufficient_credits\"}");
    provider().reportCredits(0);

    String id = enrolOn(oneInMailSequence(), prospect, seat);
    awaitReport(seat);

    JsonNode reported = providerCredits(seat);
    assertThat(reported.path("reported").asInt()).isZero();
    assertThat(reported.path("ledgerBalance").asInt())
        .as("the credit taken for the refused InMail came back")
        .isEqualTo(5);
    assertThat(reported.path("difference").asInt()).isEqualTo(-5);
    awaitStep(id, "hello", "SENT");
    assertThat(step(enrolment(id), "hello").path("route").asString()).isEqualTo("EMAIL_INSTEAD");
  }
}
