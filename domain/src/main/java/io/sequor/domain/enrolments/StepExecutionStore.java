package io.sequor.domain.enrolments;

import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * The at-most-once guard for sends: a step is claimed under its idempotency key before anything
 * leaves, and a claim found on retry means the message may already be out.
 */
@Repository
public class StepExecutionStore {

  private final JdbcClient jdbc;
  private final EventLog events;

  StepExecutionStore(JdbcClient jdbc, EventLog events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * One attempt's hold on a step.
   *
   * @param token identifies this attempt; empty when another record holds the key
   * @param existing the record that holds the key, when this attempt did not get it
   */
  public record Claim(Optional<UUID> token, Optional<StepExecution> existing) {

    /**
     * The record an earlier attempt left, for this attempt to settle on.
     *
     * @throws IllegalStateException while another attempt is still preparing the send, so the
     *     activity retries later instead of reporting a send that has not happened
     */
    public StepExecution holder() {
      StepExecution holder = existing.orElseThrow();
      if (holder.status() == StepExecution.Status.SENDING) {
        throw new IllegalStateException("another attempt is preparing this send; retry later");
      }
      return holder;
    }
  }

  /**
   * Claims the key for this attempt. A claim left by an attempt that never handed anything over is
   * taken over; the other attempt will find its token gone and send nothing.
   */
  public Claim claim(
      String key,
      UUID enrolmentId,
      String stepKey,
      Channel channel,
      String messageId,
      Instant plannedAt,
      Instant now) {
    jdbc.sql("DELETE FROM step_executions WHERE idempotency_key = ? AND status = 'SENDING'")
        .param(key)
        .update();
    UUID token = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                "INSERT INTO step_executions (idempotency_key, enrolment_id, step_key, channel,"
                    + " status, message_id, planned_at, started_at, attempt_token)"
                    + " VALUES (?, ?, ?, ?, 'SENDING', ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .params(
                key,
                enrolmentId,
                stepKey,
                channel.name(),
                messageId,
                plannedAt == null ? null : Timestamp.from(plannedAt),
                Timestamp.from(now),
                token)
            .update();
    return inserted == 1
        ? new Claim(Optional.of(token), Optional.empty())
        : new Claim(Optional.empty(), find(key));
  }

  /**
   * Marks the moment the message is about to leave. False when another attempt has taken the claim
   * over: this one must then send nothing.
   */
  public boolean handOver(String key, UUID token) {
    return jdbc.sql(
                "UPDATE step_executions SET status = 'HANDING_OVER' WHERE idempotency_key = ?"
                    + " AND attempt_token = ? AND status = 'SENDING'")
            .params(key, token)
            .update()
        == 1;
  }

  @Transactional
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
    if (status == StepExecution.Status.SENT) {
      find(key)
          .ifPresent(
              sent ->
                  events.append(
                      EventType.STEP_SENT,
                      sent.enrolmentId(),
                      sent.stepKey(),
                      sent.channel().name(),
                      EventLog.data("creditSpent", creditSpent, "outcomeUncertain", uncertain),
                      now,
                      "sent:" + key));
    } else if (status == StepExecution.Status.FAILED) {
      find(key)
          .ifPresent(
              failed ->
                  events.append(
                      EventType.STEP_FAILED,
                      failed.enrolmentId(),
                      failed.stepKey(),
                      failed.channel().name(),
                      null,
                      now,
                      "failed:" + key));
    }
  }

  /** Drops this attempt's claim: nothing went out, so a retry may send. */
  public void release(String key, UUID token) {
    jdbc.sql(
            "DELETE FROM step_executions WHERE idempotency_key = ? AND attempt_token = ?"
                + " AND status IN ('SENDING', 'HANDING_OVER')")
        .params(key, token)
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
