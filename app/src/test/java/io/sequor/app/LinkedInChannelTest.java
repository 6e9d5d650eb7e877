package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.credits.CreditLedger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** LinkedIn outcomes that are not a plain send. */
class LinkedInChannelTest extends EmbeddedRuntimeTest {

  @Autowired CreditLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void aRecipientWhoBlocksInMailCostsNoCreditAndTheEmailBranchGoesOn() {
    Map<String, Object> prospect = new HashMap<>(prospect("blocker"));
    prospect.put("linkedinUrl", "https://www.linkedin.com/in/blocks-inmail");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();

    advance(Duration.ofDays(15));
    awaitStep(id, "email-day-10", "SENT");

    JsonNode state = enrolment(id);
    JsonNode first = step(state, "day-0-inmail");
    assertThat(first.path("status").asString()).isEqualTo("SKIPPED");
    assertThat(first.path("detail").asString()).isEqualTo("recipient does not accept InMail");
    assertThat(step(state, "day-14-exit").path("detail").asString())
        .isEqualTo("recipient blocks InMail");
    assertThat(state.path("credits").path("spent").asInt()).isZero();
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();
    assertThat(emailsTo(prospect.get("email"))).hasSize(3);
  }

  @Test
  void aSeatOutOfCreditsSkipsTheInMailWithTheReasonAndSpendsNothing() {
    Map<String, Object> prospect = prospect("drained");
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    String seat = "drained-" + id;
    ledger.createSeat(seat, seat, "test-empty", 1, java.time.ZoneId.of("UTC"));
    jdbc.sql("UPDATE enrolments SET seat_id = ? WHERE id = ?::uuid").params(seat, id).update();

    advance(Duration.ofDays(3));
    awaitStep(id, "day-3-bump", "SKIPPED");

    JsonNode state = enrolment(id);
    assertThat(step(state, "day-3-bump").path("detail").asString())
        .isEqualTo("seat " + seat + " has no InMail credit left");
    assertThat(state.path("credits").path("spent").asInt()).isEqualTo(1);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(1);
    assertThat(step(state, "email-day-1").path("status").asString())
        .as("the email branch is not held up")
        .isEqualTo("SENT");
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
