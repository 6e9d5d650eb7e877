package io.sequor.domain.pacing;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Books each email of a paced mailbox into a slot that respects its daily cap, its send window and
 * days, and a randomised gap after the mailbox's previous send: the same search as {@link
 * SeatPacing}, under the mailbox's row lock, so enrolments due together queue over the following
 * days and no day passes the cap. The workflow only waits for the slot it is given.
 *
 * <p>A mailbox without pacing is not paced: its emails go out when due, and book nothing.
 */
@Service
public class MailboxSlots {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;

  MailboxSlots(JdbcClient jdbc, JsonMapper json, SequorClock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  private record MailboxRow(String id, boolean enabled, Optional<MailboxPacing> pacing) {}

  /**
   * The moment a step may send: its booked slot, booked now if it has none; {@code notBefore} on an
   * unpaced mailbox. Empty when the mailbox is disabled: nothing is booked, ask again later.
   */
  @Transactional
  public Optional<Instant> book(
      String mailboxId, UUID enrolmentId, String stepKey, Instant notBefore) {
    // Unpaced mailboxes book nothing, so they need no lock and their sends never queue on it.
    MailboxRow mailbox = mailbox(mailboxId, false);
    if (mailbox.enabled() && mailbox.pacing().isPresent()) {
      mailbox = mailbox(mailboxId, true);
    }
    if (!mailbox.enabled()) {
      return Optional.empty();
    }
    Optional<MailboxSlot> existing = slot(enrolmentId, stepKey);
    if (existing.isPresent() && existing.get().status() == Slot.Status.BOOKED) {
      return Optional.of(existing.get().at());
    }
    if (mailbox.pacing().isEmpty()) {
      return Optional.of(notBefore);
    }
    MailboxPacing pacing = mailbox.pacing().get();
    Optional<Instant> last =
        jdbc.sql(
                "SELECT MAX(slot_at) FROM mailbox_slots WHERE mailbox_id = ?"
                    + " AND status <> 'RELEASED'")
            .param(mailboxId)
            .query(Timestamp.class)
            .optional()
            .map(Timestamp::toInstant);
    Instant t = notBefore;
    if (last.isPresent()) {
      t =
          SlotSearch.later(
              t,
              last.get()
                  .plus(
                      SlotSearch.gap(
                          pacing.smallestGap(), pacing.largestGap(), enrolmentId, stepKey)));
    }
    SlotSearch.Window window =
        new SlotSearch.Window(
            pacing.zone(),
            pacing.windowStart() == null ? LocalTime.MIN : pacing.windowStart(),
            pacing.windowEnd(),
            pacing.sendDays());
    int cap = pacing.dailyCap() == null ? Integer.MAX_VALUE : pacing.dailyCap();
    Instant at =
        SlotSearch.first(t, window, moment -> cap, null, (from, to) -> booked(mailboxId, from, to));
    save(mailboxId, enrolmentId, stepKey, at, existing.isPresent());
    return Optional.of(at);
  }

  /** The step no longer needs its slot: it stopped, or its mailbox was disabled. */
  public void release(UUID enrolmentId, String stepKey) {
    jdbc.sql(
            "UPDATE mailbox_slots SET status = 'RELEASED' WHERE enrolment_id = ?"
                + " AND step_key = ? AND status = 'BOOKED'")
        .params(enrolmentId, stepKey)
        .update();
  }

  public void markUsed(UUID enrolmentId, String stepKey) {
    jdbc.sql(
            "UPDATE mailbox_slots SET status = 'USED' WHERE enrolment_id = ? AND step_key = ?"
                + " AND status = 'BOOKED'")
        .params(enrolmentId, stepKey)
        .update();
  }

  /** Booked slots from now on, soonest first. */
  public List<MailboxSlot> upcoming(String mailboxId, int limit) {
    return jdbc.sql(
            "SELECT * FROM mailbox_slots WHERE mailbox_id = ? AND status = 'BOOKED'"
                + " AND slot_at >= ? ORDER BY slot_at, id LIMIT ?")
        .params(mailboxId, Timestamp.from(clock.now()), limit)
        .query(MailboxSlots::map)
        .list();
  }

  public Optional<MailboxSlot> slot(UUID enrolmentId, String stepKey) {
    return jdbc.sql("SELECT * FROM mailbox_slots WHERE enrolment_id = ? AND step_key = ?")
        .params(enrolmentId, stepKey)
        .query(MailboxSlots::map)
        .optional();
  }

  private void save(
      String mailboxId, UUID enrolmentId, String stepKey, Instant at, boolean rebook) {
    Timestamp now = Timestamp.from(clock.now());
    if (rebook) {
      jdbc.sql(
              "UPDATE mailbox_slots SET slot_at = ?, status = 'BOOKED', booked_at = ?"
                  + " WHERE enrolment_id = ? AND step_key = ?")
          .params(Timestamp.from(at), now, enrolmentId, stepKey)
          .update();
      return;
    }
    jdbc.sql(
            "INSERT INTO mailbox_slots (mailbox_id, enrolment_id, step_key, slot_at, status,"
                + " booked_at) VALUES (?, ?, ?, ?, 'BOOKED', ?)")
        .params(mailboxId, enrolmentId, stepKey, Timestamp.from(at), now)
        .update();
  }

  private int booked(String mailboxId, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT count(*) FROM mailbox_slots WHERE mailbox_id = ? AND status <> 'RELEASED'"
                + " AND slot_at >= ? AND slot_at < ?")
        .params(mailboxId, Timestamp.from(from), Timestamp.from(to))
        .query(Integer.class)
        .single();
  }

  private MailboxRow mailbox(String mailboxId, boolean lock) {
    return jdbc.sql(
            "SELECT id, enabled, pacing::text AS pacing FROM mailboxes WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))
        .param(mailboxId)
        .query(
            (rs, row) -> {
              String pacing = rs.getString("pacing");
              return new MailboxRow(
                  rs.getString("id"),
                  rs.getBoolean("enabled"),
                  pacing == null
                      ? Optional.empty()
                      : Optional.of(json.readValue(pacing, MailboxPacing.class)));
            })
        .optional()
        .orElseThrow(() -> new NotFoundException("mailbox", mailboxId));
  }

  private static MailboxSlot map(ResultSet rs, int row) throws SQLException {
    return new MailboxSlot(
        rs.getString("mailbox_id"),
        rs.getObject("enrolment_id", UUID.class),
        rs.getString("step_key"),
        rs.getTimestamp("slot_at").toInstant(),
        Slot.Status.valueOf(rs.getString("status")));
  }
}
