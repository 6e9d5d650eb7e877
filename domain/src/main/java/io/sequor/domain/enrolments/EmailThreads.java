package io.sequor.domain.enrolments;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The emails an enrolment has sent, oldest first, so each follow-up threads under the first: its
 * {@code In-Reply-To} is the first email's Message-ID and its {@code References} list them all.
 */
@Repository
public class EmailThreads {

  private final JdbcClient jdbc;

  EmailThreads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * An email that went out.
   *
   * @param subject the subject it was sent with; null for emails sent before subjects were kept
   */
  public record Sent(String stepKey, String messageId, String subject) {}

  /**
   * The enrolment's emails that went out (emails sent instead of InMails included), oldest first,
   * leaving out the send under {@code exceptKey}.
   */
  public List<Sent> sent(UUID enrolmentId, String exceptKey) {
    return jdbc.sql(
            "SELECT step_key, message_id, subject FROM step_executions WHERE enrolment_id = ?"
                + " AND channel = 'EMAIL' AND status = 'SENT' AND message_id IS NOT NULL"
                + " AND idempotency_key <> ? ORDER BY started_at, idempotency_key")
        .params(enrolmentId, exceptKey)
        .query(
            (rs, row) ->
                new Sent(
                    rs.getString("step_key"), rs.getString("message_id"), rs.getString("subject")))
        .list();
  }

  /** Keeps the subject a claimed send goes out with, for the follow-ups that reply to it. */
  public void recordSubject(String idempotencyKey, String subject) {
    jdbc.sql("UPDATE step_executions SET subject = ? WHERE idempotency_key = ?")
        .params(subject, idempotencyKey)
        .update();
  }
}
