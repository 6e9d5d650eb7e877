package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A send that dies after the mail server took the message is never repeated. */
class ExactlyOnceSendTest extends EmbeddedRuntimeTest {

  @Autowired TestChannels.CrashingEmailGateway crashingEmail;
  @Autowired JdbcClient jdbc;

  @Test
  void crashAfterSmtpAcceptedButBeforeRecordingSendsNoSecondEmailOnRetry() {
    Map<String, Object> prospect = prospect("crash");
    String email = (String) prospect.get("email");
    crashingEmail.crashOnceAfterAccepting(email);
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();

    advance(Duration.ofDays(1));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(id), "email-day-1").path("status").asString())
                    .isEqualTo("SENT"));

    assertThat(emailsTo(email)).as("messages the SMTP server received").hasSize(1);
    JsonNode step = step(enrolment(id), "email-day-1");
    assertThat(step.path("detail").asString()).contains("assumed delivered");
    Boolean uncertain =
        jdbc.sql("SELECT outcome_uncertain FROM step_executions WHERE idempotency_key = ?")
            .param(id + ":email-day-1")
            .query(Boolean.class)
            .single();
    assertThat(uncertain).as("the store flags the send whose outcome was not recorded").isTrue();

    advance(Duration.ofDays(4));
    awaitStep(id, "email-day-5", "SENT");
    assertThat(emailsTo(email)).hasSize(2);
  }
}
