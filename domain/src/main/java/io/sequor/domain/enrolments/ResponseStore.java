package io.sequor.domain.enrolments;

import io.sequor.domain.classifications.ReplyClassifications;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
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

/** Every response, kept even after the enrolment finished. */
@Repository
public class ResponseStore {

  private final JdbcClient jdbc;
  private final EventLog events;
  private final ReplyClassifications classifications;

  ResponseStore(JdbcClient jdbc, EventLog events, ReplyClassifications classifications) {
    this.jdbc = jdbc;
    this.events = events;
    this.classifications = classifications;
  }

  @Transactional
  public ResponseRecord record(
      UUID enrolmentId,
      Medium channel,
      ResponseKind kind,
      Instant occurredAt,
      Instant returnAt,
      String body,
      Instant now) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO responses (id, enrolment_id, channel, kind, occurred_at, return_at, body,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            enrolmentId,
            channel.name(),
            kind.name(),
            Timestamp.from(occurredAt),
            returnAt == null ? null : Timestamp.from(returnAt),
            body,
            Timestamp.from(now))
        .update();
    EventType type =
        switch (kind) {
          case REPLY, INMAIL_ACCEPTED, INMAIL_DECLINED -> EventType.RESPONSE_REPLIED;
          case AUTO_REPLY -> EventType.RESPONSE_AUTO_REPLIED;
          case BOUNCE -> EventType.RESPONSE_BOUNCED;
          case UNSUBSCRIBE -> EventType.PROSPECT_UNSUBSCRIBED;
          case INVITATION_ACCEPTED -> null;
        };
    if (type != null) {
      Optional<UUID> event =
          events.append(
              type,
              enrolmentId,
              null,
              channel.name(),
              EventLog.data("responseId", id, "kind", kind, "returnAt", returnAt),
              occurredAt,
              type == EventType.PROSPECT_UNSUBSCRIBED
                  ? "unsubscribed:" + enrolmentId
                  : "response:" + id);
      if (type == EventType.RESPONSE_REPLIED && event.isPresent()) {
        classifications.classify(id, event.get(), enrolmentId, kind, body);
      }
    }
    return new ResponseRecord(id, enrolmentId, channel, kind, occurredAt, returnAt, body, now);
  }

  /** Whether a response that ends the enrolment (anything but an auto-reply or bounce) exists. */
  public boolean hasStoppingResponse(UUID enrolmentId) {
    return jdbc.sql(
                "SELECT count(*) FROM responses WHERE enrolment_id = ?"
                    + " AND kind NOT IN ('AUTO_REPLY', 'BOUNCE')")
            .param(enrolmentId)
            .query(Long.class)
            .single()
        > 0;
  }

  public List<ResponseRecord> forEnrolment(UUID enrolmentId) {
    return jdbc.sql("SELECT * FROM responses WHERE enrolment_id = ? ORDER BY occurred_at")
        .param(enrolmentId)
        .query(ResponseStore::map)
        .list();
  }

  private static ResponseRecord map(ResultSet rs, int row) throws SQLException {
    Timestamp returnAt = rs.getTimestamp("return_at");
    return new ResponseRecord(
        rs.getObject("id", UUID.class),
        rs.getObject("enrolment_id", UUID.class),
        Medium.valueOf(rs.getString("channel")),
        ResponseKind.valueOf(rs.getString("kind")),
        rs.getTimestamp("occurred_at").toInstant(),
        returnAt == null ? null : returnAt.toInstant(),
        rs.getString("body"),
        rs.getTimestamp("recorded_at").toInstant());
  }
}
