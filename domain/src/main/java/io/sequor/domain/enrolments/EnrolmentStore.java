package io.sequor.domain.enrolments;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.domain.workspaces.Workspaces;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
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

/** Enrolment rows. The database enforces one live enrolment per prospect per sequence. */
@Repository
public class EnrolmentStore {

  private final JdbcClient jdbc;
  private final SequorClock clock;
  private final EventLog events;

  EnrolmentStore(JdbcClient jdbc, SequorClock clock, EventLog events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /** What happened to an insert. */
  public sealed interface Insert {
    record Created(EnrolmentRecord enrolment) implements Insert {}

    /** The idempotency key was used before; here is what it created. */
    record Replayed(EnrolmentRecord enrolment) implements Insert {}

    /** The prospect already has a live enrolment in this sequence. */
    record AlreadyActive(EnrolmentRecord existing) implements Insert {}
  }

  /** Inserts an enrolment that sends from the default mailbox. */
  public Insert insert(
      UUID prospectId,
      UUID sequenceId,
      UUID versionId,
      String seatId,
      String idempotencyKey,
      String fingerprint) {
    return insert(prospectId, sequenceId, versionId, seatId, null, idempotencyKey, fingerprint);
  }

  /**
   * @param mailboxId the mailbox its email goes out from; null for the default one
   */
  @Transactional
  public Insert insert(
      UUID prospectId,
      UUID sequenceId,
      UUID versionId,
      String seatId,
      String mailboxId,
      String idempotencyKey,
      String fingerprint) {
    return insert(
        Workspaces.DEFAULT,
        prospectId,
        sequenceId,
        versionId,
        seatId,
        mailboxId,
        idempotencyKey,
        fingerprint);
  }

  /**
   * Inserts an enrolment of the workspace, whose prospect, sequence, seat and mailbox the caller
   * checked are the workspace's.
   *
   * @param mailboxId the mailbox its email goes out from; null for the default one
   */
  public Insert insert(
      UUID workspaceId,
      UUID prospectId,
      UUID sequenceId,
      UUID versionId,
      String seatId,
      String mailboxId,
      String idempotencyKey,
      String fingerprint) {
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(clock.now());
    int inserted =
        jdbc.sql(
                "INSERT INTO enrolments (id, prospect_id, sequence_id, sequence_version_id, seat_id,"
                    + " mailbox_id, status, idempotency_key, request_fingerprint, created_at,"
                    + " updated_at, workspace_id) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(
                id,
                prospectId,
                sequenceId,
                versionId,
                seatId,
                mailboxId,
                idempotencyKey,
                fingerprint,
                now,
                now,
                workspaceId)
            .update();
    if (inserted == 1) {
      events.append(
          EventType.ENROLMENT_ENROLLED, id, null, null, null, now.toInstant(), "enrolled:" + id);
      return new Insert.Created(get(id));
    }
    if (idempotencyKey != null) {
      Optional<EnrolmentRecord> replay = byIdempotencyKey(workspaceId, idempotencyKey);
      if (replay.isPresent()) {
        return new Insert.Replayed(replay.get());
      }
    }
    return new Insert.AlreadyActive(
        live(sequenceId, prospectId)
            .orElseThrow(
                () -> new IllegalStateException("enrolment insert refused for no reason")));
  }

  /** The workspace's enrolment made with this Idempotency-Key; keys are per workspace. */
  public Optional<EnrolmentRecord> byIdempotencyKey(UUID workspaceId, String key) {
    return jdbc.sql("SELECT * FROM enrolments WHERE workspace_id = ? AND idempotency_key = ?")
        .params(workspaceId, key)
        .query(EnrolmentStore::map)
        .optional();
  }

  public Optional<EnrolmentRecord> live(UUID sequenceId, UUID prospectId) {
    return jdbc.sql(
            "SELECT * FROM enrolments WHERE sequence_id = ? AND prospect_id = ?"
                + " AND status IN ('ACTIVE', 'PAUSED')")
        .params(sequenceId, prospectId)
        .query(EnrolmentStore::map)
        .optional();
  }

  public EnrolmentRecord get(UUID id) {
    return find(id).orElseThrow(() -> new NotFoundException("enrolment", id));
  }

  public Optional<EnrolmentRecord> find(UUID id) {
    return jdbc.sql("SELECT * FROM enrolments WHERE id = ?")
        .param(id)
        .query(EnrolmentStore::map)
        .optional();
  }

  /** Every workspace's enrolments, newest first; {@code status} may be null for all. */
  public List<EnrolmentRecord> list(EnrolmentStatus status, int limit, int offset) {
    return list(null, status, limit, offset);
  }

  /**
   * The workspace's enrolments, newest first; {@code status} may be null for all, and {@code
   * workspaceId} for every workspace's.
   */
  public List<EnrolmentRecord> list(
      UUID workspaceId, EnrolmentStatus status, int limit, int offset) {
    return jdbc.sql(
            "SELECT * FROM enrolments WHERE (CAST(? AS uuid) IS NULL OR workspace_id = ?)"
                + " AND (CAST(? AS text) IS NULL OR status = ?)"
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
        .params(
            workspaceId,
            workspaceId,
            status == null ? null : status.name(),
            status == null ? null : status.name(),
            limit,
            offset)
        .query(EnrolmentStore::map)
        .list();
  }

  /**
   * The workspace's enrolments, newest first, after the position {@code (afterCreatedAt, afterId)}
   * of the previous page (both null for the first page); status and campaign may be null for any.
   */
  public List<EnrolmentRecord> page(
      UUID workspaceId,
      EnrolmentStatus status,
      UUID campaignId,
      Instant afterCreatedAt,
      UUID afterId,
      int limit) {
    Timestamp after = afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt);
    return jdbc.sql(
            "SELECT * FROM enrolments WHERE workspace_id = ?"
                + " AND (CAST(? AS text) IS NULL OR status = ?)"
                + " AND (CAST(? AS uuid) IS NULL OR campaign_id = ?)"
                + " AND (CAST(? AS timestamptz) IS NULL OR (created_at, id) < (?, ?))"
                + " ORDER BY created_at DESC, id DESC LIMIT ?")
        .params(
            workspaceId,
            status == null ? null : status.name(),
            status == null ? null : status.name(),
            campaignId,
            campaignId,
            after,
            after,
            afterId,
            limit)
        .query(EnrolmentStore::map)
        .list();
  }

  @Transactional
  public void recordStatus(UUID id, EnrolmentStatus status, StopReason reason) {
    Instant now = clock.now();
    jdbc.sql("UPDATE enrolments SET status = ?, stop_reason = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), reason == null ? null : reason.name(), Timestamp.from(now), id)
        .update();
    if (status.isFinal()) {
      events.append(
          EventType.ENROLMENT_FINISHED,
          id,
          null,
          null,
          EventLog.data("status", status, "reason", reason),
          now,
          "finished:" + id);
    }
  }

  private static EnrolmentRecord map(ResultSet rs, int row) throws SQLException {
    String reason = rs.getString("stop_reason");
    return new EnrolmentRecord(
        rs.getObject("id", UUID.class),
        rs.getObject("prospect_id", UUID.class),
        rs.getObject("sequence_id", UUID.class),
        rs.getObject("sequence_version_id", UUID.class),
        rs.getString("seat_id"),
        EnrolmentStatus.valueOf(rs.getString("status")),
        reason == null ? null : StopReason.valueOf(reason),
        rs.getString("idempotency_key"),
        rs.getString("request_fingerprint"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getString("mailbox_id"));
  }
}
