package io.sequor.domain.enrolments;

import io.sequor.workflows.sequence.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The at-most-once guard for sends: a step is claimed under its idempotency key before anything
 * leaves, and a claim found on retry means the message may already be out.
 */
@Repository
public class StepExecutionStore {

  private final JdbcClient jdbc;

  StepExecutionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the key; empty when this call made the claim, else the existing record. */
  public Optional<StepExecution> claim(
      String key,
      UUID enrolmentId,
      String stepKey,
      Channel channel,
      String messageId,
      Instant plannedAt,
      Instant now) {
    int inserted =
        jdbc.sql(
                "INSERT INTO step_executions (idempotency_key, enrolment_id, step_key, channel,"
                    + " status, message_id, planned_at, started_at)"
                    + " VALUES (?, ?, ?, ?, 'SENDING', ?, ?, ?) ON CONFLICT DO NOTHING")
            .params(
                key,
                enrolmentId,
                stepKey,
                channel.name(),
                messageId,
                plannedAt == null ? null : Timestamp.from(plannedAt),
                Timestamp.from(now))
            .update();
    return inserted == 1 ? Optional.empty() : find(key);
  }

  public void finish(
      String key,
      StepExecution.Status status,
      String messageId,
      boolean creditSpent,
      boolean uncertain,
      String detail,
      Instant now) {
    jdbc.sql(
            "UPDATE step_executions SET status = ?, message_id = COALESCE(?, message_id),"
                + " credit_spent = ?, outcome_uncertain = ?, detail = ?, finished_at = ?"
                + " WHERE idempotency_key = ?")
        .params(status.name(), messageId, creditSpent, uncertain, detail, Timestamp.from(now), key)
        .update();
  }

  /** Drops a claim whose send is known not to have happened, so a retry may send. */
  public void release(String key) {
    jdbc.sql("DELETE FROM step_executions WHERE idempotency_key = ? AND status = 'SENDING'")
        .param(key)
        .update();
  }

  public Optional<StepExecution> find(String key) {
    return jdbc.sql("SELECT * FROM step_executions WHERE idempotency_key = ?")
        .param(key)
        .query(StepExecutionStore::map)
        .optional();
  }

  public List<StepExecution> forEnrolment(UUID enrolmentId) {
    return jdbc.sql("SELECT * FROM step_executions WHERE enrolment_id = ? ORDER BY started_at")
        .param(enrolmentId)
        .query(StepExecutionStore::map)
        .list();
  }

  private static StepExecution map(ResultSet rs, int row) throws SQLException {
    Timestamp planned = rs.getTimestamp("planned_at");
    Timestamp finished = rs.getTimestamp("finished_at");
    return new StepExecution(
        rs.getString("idempotency_key"),
        rs.getObject("enrolment_id", UUID.class),
        rs.getString("step_key"),
        Channel.valueOf(rs.getString("channel")),
        StepExecution.Status.valueOf(rs.getString("status")),
        rs.getString("message_id"),
        rs.getBoolean("credit_spent"),
        rs.getBoolean("outcome_uncertain"),
        rs.getString("detail"),
        planned == null ? null : planned.toInstant(),
        rs.getTimestamp("started_at").toInstant(),
        finished == null ? null : finished.toInstant());
  }
}
