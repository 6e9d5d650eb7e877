package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connection requests nobody answers are withdrawn after the configured days (14 by default), and
 * the seat then waits LinkedIn's three weeks before inviting the same person again.
 */
class ConnectionRequestTest extends EmbeddedRuntimeTest {

  private String connectSequence() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "connect " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "invite",
                        "channel", "LINKEDIN_CONNECT",
                        "dayOffset", 0,
                        "body", "{{first_name}}, glad to connect about {{company}}."),
                    Map.of(
                        "key", "email",
                        "channel", "EMAIL",
                        "dayOffset", 1,
                        "subject", "{{company}}",
                        "body", "Hello {{first_name}}"))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  @Test
  void anUnansweredInvitationIsWithdrawnAndTheSeatWaitsThreeWeeksBeforeInvitingAgain() {
    String sequence = connectSequence();
    String seat = newSeat("test-plenty");
    Map<String, Object> prospect = prospect("invite");
    Object profile = prospect.get("linkedinUrl");

    String first = enrolOn(sequence, prospect, seat);
    awaitStep(first, "invite", "SENT");
    advance(Duration.ofDays(13));
    awaitStep(first, "email", "SENT");
    assertThat(linkedIn.withdrawnInvitations()).doesNotContain((String) profile);
    assertThat(enrolment(first).path("status").asString())
        .as("the enrolment stays open while its invitation is pending")
        .isEqualTo("LISTENING");

    advance(Duration.ofDays(1).plusHours(1));
    awaitStatus(first, "COMPLETED");
    assertThat(linkedIn.withdrawnInvitations()).containsOnlyOnce((String) profile);
    assertThat(step(enrolment(first), "invite").path("detail").asString())
        .startsWith("invitation unanswered after 14 days: withdrawn;")
        .contains("may invite the person again from");

    // Enrolled again a week later: LinkedIn would refuse the invitation, so Sequor does not send
    // it.
    advance(Duration.ofDays(7));
    String second = enrolOn(sequence, prospect, seat);
    awaitStep(second, "invite", "SKIPPED");
    assertThat(step(enrolment(second), "invite").path("detail").asString())
        .contains("LinkedIn allows inviting this person again from");
    advance(Duration.ofDays(1).plusHours(1));
    awaitStep(second, "email", "SENT");
    awaitStatus(second, "COMPLETED");
    assertThat(linkedInTo(profile)).hasSize(1);

    // Another seat is another LinkedIn account: its invitation is not held back.
    String other = enrolOn(connectSequence(), prospect, newSeat("test-plenty"));
    awaitStep(other, "invite", "SENT");

    // Three weeks after the withdrawal the first seat may invite again.
    advance(Duration.ofDays(13));
    String third = enrolOn(sequence, prospect, seat);
    awaitStep(third, "invite", "SENT");
    assertThat(linkedInTo(profile)).hasSize(3);
  }

  @Test
  void anAcceptedInvitationIsKeptAndTheEnrolmentFinishesWithoutWaitingToWithdrawIt() {
    Map<String, Object> prospect = prospect("accepts");
    String id = enrolOn(connectSequence(), prospect, newSeat("test-plenty"));
    awaitStep(id, "invite", "SENT");
    respond(id, Map.of("channel", "LINKEDIN", "kind", "INVITATION_ACCEPTED"));
    advance(Duration.ofDays(1).plusHours(1));
    awaitStatus(id, "COMPLETED");
    assertThat(linkedIn.withdrawnInvitations())
        .doesNotContain((String) prospect.get("linkedinUrl"));
  }
}
