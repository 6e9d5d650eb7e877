package io.sequor.domain.meetings;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records meetings. A meeting is kept with a {@code meeting.booked} event in one transaction, so
 * reports and webhook subscribers see it exactly once; a calendar tool's retry (same external id)
 * records nothing more.
 */
@Service
public class MeetingStore {

  /** How a booking was recorded. */
  public enum Source {
    API,
    CALENDAR_WEBHOOK
  }

  /** The meeting, and whether this call recorded it (false: the same external id came before). */
  public record Booked(Meeting meeting, boolean created) {}

  private final JdbcClient jdbc;
  private final SequorClock clock;
  private final EventLog events;

  MeetingStore(JdbcClient jdbc, SequorClock clock, EventLog events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Records a meeting against an enrolment of the workspace.
   *
   * @throws InvalidInputException naming {@code enrolmentId} when it is not the workspace's
   * @throws ConflictException when the external id was used for another enrolment
   */
  @Transactional
  public Booked book(
      UUID workspaceId,
      UUID enrolmentId,
      Instant scheduledFor,
      String externalId,
      Source source,
      UUID createdBy) {
    if (externalId != null && (externalId.isBlank() || externalId.length() > 200)) {
      throw new InvalidInputException("externalId", "must be 1 to 200 characters");
    }
    boolean owned =
        jdbc.sql("SELECT count(*) FROM enrolments WHERE id = ? AND workspace_id = ?")
                .params(enrolmentId, workspaceId)
                .query(Long.class)
                .single()
            > 0;
    if (!owned) {
      throw new InvalidInputException(
          "enrolmentId", "no enrolment " + enrolmentId + " in this workspace");
    }
    if (externalId != null) {
      Optional<Meeting> earlier = byExternalId(workspaceId, externalId);
      if (earlier.isPresent()) {
        return same(earlier.get(), enrolmentId, externalId);
      }
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.now();
    int inserted =
        jdbc.sql(
                "INSERT INTO meetings (id, workspace_id, enrolment_id, scheduled_for, booked_at,"
                    + " source, external_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?) ON CONFLICT DO NOTHING")
            .params(
                id,
                workspaceId,
                enrolmentId,
                scheduledFor == null ? null : Timestamp.from(scheduledFor),
                Timestamp.from(now),
                source.name(),
                externalId,
                createdBy,
                Timestamp.from(now))
            .update();
    if (inserted == 0) {
      // A concurrent call with the same external id won.
      return same(byExternalId(workspaceId, externalId).orElseThrow(), enrolmentId, externalId);
    }
    events.append(
        EventType.MEETING_BOOKED,
        enrolmentId,
        null,
        null,
        EventLog.data("meetingId", id, "scheduledFor", scheduledFor, "source", source),
        now,
        "meeting:" + id);
    return new Booked(get(id), true);
  }

  private static Booked same(Meeting earlier, UUID enrolmentId, String externalId) {
    if (!earlier.enrolmentId().equals(enrolmentId)) {
      throw new ConflictException(
          "externalId '"
              + externalId
              + "' already records a meeting of another enrolment ("
              + earlier.enrolmentId()
              + ")",
          earlier.id().toString());
    }
    return new Booked(earlier, false);
  }

  public Meeting get(UUID id) {
    return jdbc.sql("SELECT * FROM meetings WHERE id = ?")
        .param(id)
        .query(MeetingStore::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("meeting", id));
  }

  /** A meeting of the workspace. */
  public Meeting get(UUID workspaceId, UUID id) {
    return jdbc.sql("SELECT * FROM meetings WHERE id = ? AND workspace_id = ?")
        .params(id, workspaceId)
        .query(MeetingStore::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("meeting", id));
  }

  private Optional<Meeting> byExternalId(UUID workspaceId, String externalId) {
    return jdbc.sql("SELECT * FROM meetings WHERE workspace_id = ? AND external_id = ?")
        .params(workspaceId, externalId)
        .query(MeetingStore::map)
        .optional();
  }

  /**
   * The workspace's meetings, newest booking first, after a keyset position.
   *
   * @param enrolmentId only this enrolment's, or null
   * @param campaignId only this campaign's enrolments', or null
   */
  public List<Meeting> list(
      UUID workspaceId,
      UUID enrolmentId,
      UUID campaignId,
      Instant afterAt,
      UUID afterId,
      int limit) {
    return jdbc.sql(
            "SELECT m.* FROM meetings m JOIN enrolments e ON e.id = m.enrolment_id"
                + " WHERE m.workspace_id = ?"
                + " AND (CAST(? AS uuid) IS NULL OR m.enrolment_id = ?)"
                + " AND (CAST(? AS uuid) IS NULL OR e.campaign_id = ?)"
                + " AND (CAST(? AS timestamptz) IS NULL OR (m.booked_at, m.id) < (?, ?))"
                + " ORDER BY m.booked_at DESC, m.id DESC LIMIT ?")
        .params(
            workspaceId,
            enrolmentId,
            enrolmentId,
            campaignId,
            campaignId,
            afterAt == null ? null : Timestamp.from(afterAt),
            afterAt == null ? null : Timestamp.from(afterAt),
            afterId,
            limit)
        .query(MeetingStore::map)
        .list();
  }

  /**
   * The enrolment a calendar booking by this address belongs to: the prospect's most recent
   * enrolment, within one workspace when given.
   */
  public Optional<UUID> enrolmentOfEmail(String email, UUID workspaceId) {
    return jdbc.sql(
            "SELECT e.id FROM enrolments e JOIN prospects p ON p.id = e.prospect_id"
                + " WHERE lower(p.email) = lower(?)"
                + " AND (CAST(? AS uuid) IS NULL OR e.workspace_id = ?)"
                + " ORDER BY e.created_at DESC, e.id DESC LIMIT 1")
        .params(email, workspaceId, workspaceId)
        .query(UUID.class)
        .optional();
  }

  /** The workspace an enrolment belongs to. */
  public Optional<UUID> workspaceOf(UUID enrolmentId) {
    return jdbc.sql("SELECT workspace_id FROM enrolments WHERE id = ?")
        .param(enrolmentId)
        .query(UUID.class)
        .optional();
  }

  private static Meeting map(ResultSet rs, int row) throws SQLException {
    Timestamp scheduled = rs.getTimestamp("scheduled_for");
    return new Meeting(
        rs.getObject("id", UUID.class),
        rs.getObject("enrolment_id", UUID.class),
        scheduled == null ? null : scheduled.toInstant(),
        rs.getTimestamp("booked_at").toInstant(),
        rs.getString("source"),
        rs.getString("external_id"),
        rs.getTimestamp("created_at").toInstant());
  }
}
