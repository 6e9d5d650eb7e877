package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.domain.credits.CreditLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** LinkedIn outcomes that are not a plain send, and how InMails are routed without a credit. */
class LinkedInChannelTest extends EmbeddedRuntimeTest {

  @Autowired CreditLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void aRecipientWhoBlocksInMailGetsEachInMailAsAnEmailAndCostsNoCredit() {
    Map<String, Object> prospect = new HashMap<>(prospect("blocker"));
    prospect.put("linkedinUrl", "https://www.linkedin.com/in/blocks-inmail");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();

    advance(Duration.ofDays(15));
    awaitStep(id, "day-14-exit", "SENT");

    JsonNode state = enrolment(id);
    JsonNode first = step(state, "day-0-inmail");
    assertThat(first.path("route").asString()).isEqualTo("EMAIL_INSTEAD");
    assertThat(first.path("detail").asString())
        .isEqualTo("recipient does not accept InMail; sent as email");
    assertThat(step(state, "day-14-exit").path("route").asString()).isEqualTo("EMAIL_INSTEAD");
    assertThat(state.path("credits").path("spent").asInt()).isZero();
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();
    assertThat(emailsTo(prospect.get("email"))).as("3 emails and 4 InMails as email").hasSize(7);
  }

  @Test
  void outOfCreditsTheInMailGoesOutAsAnEmailAndTheStateSaysWhy() {
    Map<String, Object> prospect = prospect("drained");
    String seat = newSeat("test-empty");
    String id = enrolOn(canonicalSequenceId(), prospect, seat);
    awaitStep(id, "day-0-inmail", "SENT");

    JsonNode step = step(enrolment(id), "day-0-inmail");
    assertThat(step.path("route").asString()).isEqualTo("EMAIL_INSTEAD");
    assertThat(step.path("detail").asString())
        .isEqualTo("seat " + seat + " has no InMail credit left; sent as email");
    assertThat(emailsTo(prospect.get("email")))
        .extracting(m -> m.subject())
        .containsExactly("Analytical Engines after your new Head of Sales role");
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();
    assertThat(enrolment(id).path("credits").path("spent").asInt()).isZero();
  }

  @Test
  void fiftyEnrolmentsOnASeatWithThreeCreditsSendThreeInMailsAndFortySevenEmails()
      throws Exception {
    String seat = newSeat("test-three");
    String sequenceId = canonicalSequenceId();
    List<Map<String, Object>> prospects = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      prospects.add(prospect("race" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Future<String>> ids = new ArrayList<>();
    for (Map<String, Object> prospect : prospects) {
      ids.add(pool.submit(() -> enrolOn(sequenceId, prospect, seat)));
    }
    List<String> enrolments = new ArrayList<>();
    for (Future<String> id : ids) {
      enrolments.add(id.get());
    }
    pool.shutdown();
    for (String id : enrolments) {
      awaitStep(id, "day-0-inmail", "SENT");
    }

    long inMails = prospects.stream().mapToLong(p -> linkedInTo(p.get("linkedinUrl")).size()).sum();
    long emails = prospects.stream().mapToLong(p -> emailsTo(p.get("email")).size()).sum();
    assertThat(inMails).isEqualTo(3);
    assertThat(emails).isEqualTo(47);
    assertThat(ledger.balance(seat)).isZero();
    long routedByEmail =
        enrolments.stream()
            .filter(
                id ->
                    step(enrolment(id), "day-0-inmail")
                        .path("route")
                        .asString()
                        .equals("EMAIL_INSTEAD"))
            .count();
    assertThat(routedByEmail).isEqualTo(47);
  }

  @Test
  void aStepSetToWaitSendsItsInMailWhenTheSeatsNextCreditsArrive() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "waits " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "patient",
                        "channel", "LINKEDIN_INMAIL",
                        "dayOffset", 0,
                        "subject", "Hello {{first_name}}",
                        "body", "Hi {{first_name}}, one question about {{company}}?",
                        "whenNoCredit", "WAIT_FOR_GRANT"))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String seat = newSeat("test-three");
    for (int i = 0; i < 3; i++) {
      ledger.consume(seat, UUID.randomUUID(), "drain");
    }
    Map<String, Object> prospect = prospect("patient");
    String id = enrolOn(created.body().path("sequenceId").asString(), prospect, seat);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(id), "patient").path("detail").asString())
                    .contains("waiting for the next credits"));
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();

    advance(Duration.ofDays(32));
    awaitStep(id, "patient", "SENT");
    JsonNode step = step(enrolment(id), "patient");
    assertThat(step.path("route").asString()).isEqualTo("WAITED_FOR_CREDIT");
    assertThat(step.path("creditSpent").asBoolean()).isTrue();
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(1);
  }

  @Test
  void aStepSetToConnectSendsItsConnectionNoteInstead() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "connects " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "hello",
                        "channel", "LINKEDIN_INMAIL",
                        "dayOffset", 0,
                        "subject", "Hello {{first_name}}",
                        "body", "Hi {{first_name}}, one question about {{company}}?",
                        "whenNoCredit", "CONNECTION_REQUEST",
                        "connectionNote", "{{first_name}}, glad to connect about {{company}}."))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Map<String, Object> prospect = prospect("connect");
    String id =
        enrolOn(created.body().path("sequenceId").asString(), prospect, newSeat("test-empty"));

    awaitStep(id, "hello", "SENT");
    assertThat(step(enrolment(id), "hello").path("route").asString())
        .isEqualTo("CONNECTION_REQUEST_INSTEAD");
    assertThat(linkedInTo(prospect.get("linkedinUrl")))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.channel().name()).isEqualTo("LINKEDIN_CONNECT");
              assertThat(m.body()).isEqualTo("Ada, glad to connect about Analytical Engines.");
            });
  }

  @Test
  void aProspectWithoutEmailGetsOnlyTheLinkedInSteps() {
    Map<String, Object> prospect = new HashMap<>(prospect("linkedin-only"));
    prospect.remove("email");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();

    advance(Duration.ofDays(15));
    awaitStep(id, "day-14-exit", "SENT");

    JsonNode state = enrolment(id);
    assertThat(step(state, "email-day-1").path("status").asString()).isEqualTo("SKIPPED");
    assertThat(step(state, "email-day-1").path("detail").asString())
        .isEqualTo("prospect has no email address");
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(4);
  }
}
