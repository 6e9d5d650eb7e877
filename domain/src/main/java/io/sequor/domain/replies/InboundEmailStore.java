package io.sequor.domain.replies;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inbound emails, at most once each, and how far each mailbox has been read. */
@Repository
public class InboundEmailStore {

  private final JdbcClient jdbc;

  InboundEmailStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A mailbox's reading position. */
  public record Checkpoint(long uidValidity, long lastUid) {}

  /**
   * Stores the message unless its dedupe key is already stored; true when this call stored it.
   * Inside a transaction, a concurrent insert of the same key waits here until the first commits.
   */
  public boolean claim(InboundEmail email, String dedupeKey) {
    return jdbc.sql(
                "INSERT INTO inbound_emails (id, dedupe_key, mailbox_id, source, message_id,"
                    + " from_address, subject, classification, reason, return_at, status,"
                    + " matched_by, excerpt, received_at, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (dedupe_key) DO NOTHING")
            .params(
                email.id(),
                dedupeKey,
                email.mailboxId(),
                email.source(),
                email.messageId(),
                email.fromAddress(),
                email.subject(),
                email.classification(),
                email.reason(),
                email.returnAt() == null ? null : Timestamp.from(email.returnAt()),
                email.status(),
                email.matchedBy(),
                email.excerpt(),
                Timestamp.from(email.receivedAt()),
                Timestamp.from(email.recordedAt()))
            .update()
        > 0;
  }

  public void linkResponse(UUID inboundId, UUID enrolmentId, UUID responseId) {
    jdbc.sql(
            "INSERT INTO inbound_email_responses (inbound_id, enrolment_id, response_id)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        .params(inboundId, enrolmentId, responseId)
        .update();
  }

  /** Messages that matched no enrolment, newest first. */
  public List<InboundEmail> unmatched(int limit) {
    return jdbc.sql(
            "SELECT * FROM inbound_emails WHERE status = 'UNMATCHED'"
                + " ORDER BY recorded_at DESC LIMIT ?")
        .param(limit)
        .query(InboundEmailStore::map)
        .list();
  }

  /** Every inbound email that became a response of this enrolment, oldest first. */
  public List<InboundEmail> forEnrolment(UUID enrolmentId) {
    return jdbc.sql(
            "SELECT i.* FROM inbound_emails i JOIN inbound_email_responses r ON r.inbound_id = i.id"
                + " WHERE r.enrolment_id = ? ORDER BY i.received_at")
        .param(enrolmentId)
        .query(InboundEmailStore::map)
        .list();
  }

  public Optional<Checkpoint> checkpoint(String mailboxId) {
    return jdbc.sql("SELECT uid_validity, last_uid FROM mailbox_checkpoints WHERE mailbox_id = ?")
        .param(mailboxId)
        .query((rs, row) -> new Checkpoint(rs.getLong("uid_validity"), rs.getLong("last_uid")))
        .optional();
  }

  /**
   * Moves the mailbox's position to {@code uid}. Within one UIDVALIDITY it only moves forward; a
   * new UIDVALIDITY (the server renumbered the folder) starts over.
   */
  public void advance(String mailboxId, long uidValidity, long uid, Instant now) {
    jdbc.sql(
            "INSERT INTO mailbox_checkpoints (mailbox_id, uid_validity, last_uid, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (mailbox_id) DO UPDATE SET"
                + " last_uid = CASE WHEN mailbox_checkpoints.uid_validity = EXCLUDED.uid_validity"
                + " THEN GREATEST(mailbox_checkpoints.last_uid, EXCLUDED.last_uid)"
                + " ELSE EXCLUDED.last_uid END,"
                + " uid_validity = EXCLUDED.uid_validity, updated_at = EXCLUDED.updated_at")
        .params(mailboxId, uidValidity, uid, Timestamp.from(now))
        .update();
  }

  private static InboundEmail map(ResultSet rs, int row) throws SQLException {
    Timestamp returnAt = rs.getTimestamp("return_at");
    return new InboundEmail(
        rs.getObject("id", UUID.class),
        rs.getString("mailbox_id"),
        rs.getString("source"),
        rs.getString("message_id"),
        rs.getString("from_address"),
        rs.getString("subject"),
        rs.getString("classification"),
        rs.getString("reason"),
        returnAt == null ? null : returnAt.toInstant(),
        rs.getString("status"),
        rs.getString("matched_by"),
        rs.getString("excerpt"),
        rs.getTimestamp("received_at").toInstant(),
        rs.getTimestamp("recorded_at").toInstant());
  }
}
