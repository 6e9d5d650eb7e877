package io.sequor.domain.linkedin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Connection requests a seat sent, and which of them it withdrew. LinkedIn refuses a new invitation
 * from the same account to the same person for a while after a withdrawal; {@link #blockedUntil}
 * answers until when.
 */
@Repository
public class InvitationStore {

  private final JdbcClient jdbc;

  InvitationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An invitation as sent for one step of an enrolment. */
  public record Invitation(
      UUID enrolmentId,
      String sendKey,
      String seatId,
      String profileUrl,
      String invitationId,
      Instant sentAt,
      Instant withdrawnAt) {}

  /** Records a sent invitation once; a repeat changes nothing. */
  public void sent(
      UUID enrolmentId,
      String sendKey,
      String seatId,
      String profileUrl,
      String invitationId,
      Instant at) {
    jdbc.sql(
            "INSERT INTO linkedin_invitations (enrolment_id, send_key, seat_id, profile_url,"
                + " invitation_id, sent_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (enrolment_id, send_key) DO NOTHING")
        .params(enrolmentId, sendKey, seatId, profileUrl, invitationId, Timestamp.from(at))
        .update();
  }

  public Optional<Invitation> find(UUID enrolmentId, String sendKey) {
    return jdbc.sql("SELECT * FROM linkedin_invitations WHERE enrolment_id = ? AND send_key = ?")
        .params(enrolmentId, sendKey)
        .query(
            (rs, row) -> {
              Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
              return new Invitation(
                  rs.getObject("enrolment_id", UUID.class),
                  rs.getString("send_key"),
                  rs.getString("seat_id"),
                  rs.getString("profile_url"),
                  rs.getString("invitation_id"),
                  rs.getTimestamp("sent_at").toInstant(),
                  withdrawn == null ? null : withdrawn.toInstant());
            })
        .optional();
  }

  /** Marks the invitation withdrawn; the first time counts. */
  public void withdrawn(UUID enrolmentId, String sendKey, Instant at) {
    jdbc.sql(
            "UPDATE linkedin_invitations SET withdrawn_at = ?"
                + " WHERE enrolment_id = ? AND send_key = ? AND withdrawn_at IS NULL")
        .params(Timestamp.from(at), enrolmentId, sendKey)
        .update();
  }

  /**
   * When the seat may invite this person again, if a withdrawal within the last {@code wait} still
   * forbids it.
   */
  public Optional<Instant> blockedUntil(
      String seatId, String profileUrl, Duration wait, Instant now) {
    return jdbc.sql(
            "SELECT withdrawn_at FROM linkedin_invitations"
                + " WHERE seat_id = ? AND profile_url = ? AND withdrawn_at IS NOT NULL"
                + " ORDER BY withdrawn_at DESC LIMIT 1")
        .params(seatId, profileUrl)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant)
        .map(withdrawn -> withdrawn.plus(wait))
        .filter(until -> until.isAfter(now));
  }
}
