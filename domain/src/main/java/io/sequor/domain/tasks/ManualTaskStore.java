package io.sequor.domain.tasks;

import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.NotFoundException;
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

@Repository
public class ManualTaskStore {

  private final JdbcClient jdbc;

  ManualTaskStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Opens the task for a step, once; a repeat returns the existing task. */
  public ManualTask open(
      UUID enrolmentId,
      String stepKey,
      String seatId,
      Channel channel,
      String subject,
      String body,
      String profileUrl,
      Instant now,
      Instant dueAt) {
    jdbc.sql(
            "INSERT INTO manual_tasks (id, enrolment_id, step_key, seat_id, channel, subject, body,"
                + " profile_url, status, created_at, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)"
                + " ON CONFLICT (enrolment_id, step_key) DO NOTHING")
        .params(
            UUID.randomUUID(),
            enrolmentId,
            stepKey,
            seatId,
            channel.name(),
            subject,
            body,
            profileUrl,
            Timestamp.from(now),
            Timestamp.from(dueAt))
        .update();
    return find(enrolmentId, stepKey).orElseThrow();
  }

  /** Records the rep's outcome; only an open task can be completed. */
  public ManualTask complete(
      UUID id, ManualTask.Status outcome, String providerMessageId, String note, Instant now) {
    ManualTask task = get(id);
    int updated =
        jdbc.sql(
                "UPDATE manual_tasks SET status = ?, provider_message_id = ?, note = ?,"
                    + " completed_at = ? WHERE id = ? AND status = 'OPEN'")
            .params(outcome.name(), providerMessageId, note, Timestamp.from(now), id)
            .update();
    if (updated == 0) {
      throw new ConflictException(
          "task " + id + " is " + task.status() + "; only an OPEN task can be completed",
          id.toString());
    }
    return get(id);
  }

  /** Cancels the task if it is still open; false when a rep completed it first. */
  public boolean cancel(UUID enrolmentId, String stepKey, String reason, Instant now) {
    return jdbc.sql(
                "UPDATE manual_tasks SET status = 'CANCELLED', note = ?, completed_at = ?"
                    + " WHERE enrolment_id = ? AND step_key = ? AND status = 'OPEN'")
            .params(reason, Timestamp.from(now), enrolmentId, stepKey)
            .update()
        > 0;
  }

  /**
   * Moves an open task's deadline to {@code dueAt}, once per window: the push only applies while
   * the task is open and has been pushed {@code pushesSoFar} times, so a repeated call changes
   * nothing. False when the task was completed or pushed meanwhile.
   */
  public boolean push(UUID enrolmentId, String stepKey, int pushesSoFar, Instant dueAt) {
    return jdbc.sql(
                "UPDATE manual_tasks SET due_at = ?, pushes = pushes + 1"
                    + " WHERE enrolment_id = ? AND step_key = ? AND status = 'OPEN'"
                    + " AND pushes = ?")
            .params(Timestamp.from(dueAt), enrolmentId, stepKey, pushesSoFar)
            .update()
        > 0;
  }

  public ManualTask get(UUID id) {
    return jdbc.sql("SELECT * FROM manual_tasks WHERE id = ?")
        .param(id)
        .query(ManualTaskStore::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("task", id));
  }

  public Optional<ManualTask> find(UUID enrolmentId, String stepKey) {
    return jdbc.sql("SELECT * FROM manual_tasks WHERE enrolment_id = ? AND step_key = ?")
        .params(enrolmentId, stepKey)
        .query(ManualTaskStore::map)
        .optional();
  }

  /**
   * The workspace's tasks (those of its enrolments) in a status and of a seat (null for any),
   * soonest due first (a task without a due time last), after the task {@code after} of the
   * previous page (null for the first page).
   */
  public List<ManualTask> list(
      UUID workspaceId, ManualTask.Status status, String seatId, UUID after, int limit) {
    String wanted = status == null ? null : status.name();
    return jdbc.sql(
            "SELECT t.* FROM manual_tasks t JOIN enrolments e ON e.id = t.enrolment_id"
                + " WHERE e.workspace_id = ? AND (CAST(? AS text) IS NULL OR t.status = ?)"
                + " AND (CAST(? AS text) IS NULL OR t.seat_id = ?)"
                + " AND (CAST(? AS uuid) IS NULL"
                + " OR (coalesce(t.due_at, 'infinity'), t.created_at, t.id) >"
                + " (SELECT coalesce(a.due_at, 'infinity'), a.created_at, a.id"
                + " FROM manual_tasks a WHERE a.id = ?))"
                + " ORDER BY coalesce(t.due_at, 'infinity'), t.created_at, t.id LIMIT ?")
        .params(workspaceId, wanted, wanted, seatId, seatId, after, after, limit)
        .query(ManualTaskStore::map)
        .list();
  }

  private static ManualTask map(ResultSet rs, int row) throws SQLException {
    Timestamp completed = rs.getTimestamp("completed_at");
    return new ManualTask(
        rs.getObject("id", UUID.class),
        rs.getObject("enrolment_id", UUID.class),
        rs.getString("step_key"),
        rs.getString("seat_id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("profile_url"),
        ManualTask.Status.valueOf(rs.getString("status")),
        rs.getString("provider_message_id"),
        rs.getString("note"),
        rs.getTimestamp("created_at").toInstant(),
        completed == null ? null : completed.toInstant(),
        rs.getTimestamp("due_at").toInstant(),
        rs.getInt("pushes"));
  }
}
