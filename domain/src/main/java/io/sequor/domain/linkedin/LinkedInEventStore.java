package io.sequor.domain.linkedin;

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
 * Provider events, at most once each: the first delivery of an event id inserts its row, every
 * later one finds it. Also the lookup from a provider message id back to the send it belongs to.
 */
@Repository
public class LinkedInEventStore {

  private final JdbcClient jdbc;

  LinkedInEventStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A LinkedIn step Sequor sent, found by the id the provider gave it. */
  public record MatchedSend(UUID enrolmentId, String stepKey, Instant sentAt) {}

  /**
   * The send a provider id belongs to: the message id first, then the chat id, each against the id
   * recorded for the step. When an id was recorded for several sends (one chat carrying several
   * messages) the latest wins, as the prospect answers the conversation as it stands.
   */
  public Optional<MatchedSend> sendFor(String messageId, String chatId) {
    Optional<MatchedSend> byMessage = sendWithId(messageId);
    return byMessage.isPresent() ? byMessage : sendWithId(chatId);
  }

  private Optional<MatchedSend> sendWithId(String providerId) {
    if (providerId == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT enrolment_id, step_key, COALESCE(finished_at, started_at) AS sent_at"
                + " FROM step_executions WHERE message_id = ? AND channel <> 'EMAIL'"
                + " ORDER BY started_at DESC LIMIT 1")
        .param(providerId)
        .query(
            (rs, row) ->
                new MatchedSend(
                    rs.getObject("enrolment_id", UUID.class),
                    rs.getString("step_key"),
                    rs.getTimestamp("sent_at").toInstant()))
        .optional();
  }

  /**
   * Stores the event unless its id is already stored; true when this call stored it. Inside a
   * transaction, a concurrent delivery of the same id waits here until the first one commits.
   */
  public boolean insert(LinkedInEvent event) {
    return jdbc.sql(
                "INSERT INTO linkedin_events (event_id, type, related_message_id,"
                    + " related_chat_id, occurred_at, enrolment_id, response_id, body,"
                    + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (event_id) DO NOTHING")
            .params(
                event.eventId(),
                event.type(),
                event.relatedMessageId(),
                event.relatedChatId(),
                timestamp(event.occurredAt()),
                event.enrolmentId(),
                event.responseId(),
                event.text(),
                timestamp(event.receivedAt()))
            .update()
        == 1;
  }

  public void linkResponse(String eventId, UUID responseId) {
    jdbc.sql("UPDATE linkedin_events SET response_id = ? WHERE event_id = ?")
        .params(responseId, eventId)
        .update();
  }

  /** Events that matched no send, newest first. */
  public List<LinkedInEvent> unmatched(int limit) {
    return jdbc.sql(
            "SELECT * FROM linkedin_events WHERE enrolment_id IS NULL"
                + " ORDER BY received_at DESC, event_id LIMIT ?")
        .param(limit)
        .query(LinkedInEventStore::map)
        .list();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static LinkedInEvent map(ResultSet rs, int row) throws SQLException {
    Timestamp occurred = rs.getTimestamp("occurred_at");
    return new LinkedInEvent(
        rs.getString("event_id"),
        rs.getString("type"),
        rs.getString("related_message_id"),
        rs.getString("related_chat_id"),
        occurred == null ? null : occurred.toInstant(),
        rs.getObject("enrolment_id", UUID.class),
        rs.getObject("response_id", UUID.class),
        rs.getString("body"),
        rs.getTimestamp("received_at").toInstant());
  }
}
