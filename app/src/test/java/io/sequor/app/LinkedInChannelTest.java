package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** LinkedIn outcomes that are not a plain send. */
class LinkedInChannelTest extends EmbeddedRuntimeTest {

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
