package io.sequor.domain.pacing;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.workflows.sequence.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Books each LinkedIn action of a paced seat into a slot that respects the seat's daily and weekly
 * caps (grown over the ramp-up), its send window and days, and a randomised gap after the previous
 * action of the same kind. Slots are booked first come, first served under the seat's row lock, so
 * a thousand enrolments due the same morning queue over the following days and no day ever passes a
 * cap. The workflow only waits for the slot it is given.
 *
 * <p>A seat without pacing settings is not paced: its actions go out when due.
 */
@Service
public class SeatPacing {

  private static final Duration DEFAULT_BACKOFF = Duration.ofDays(1);

  /**
   * The longest pause a provider's Retry-After can impose; a larger value is more likely a provider
   * bug than a real restriction, and a seat silenced for months would go unnoticed.
   */
  private static final long MAX_HINT_DAYS = 30;

  private static final Duration MAX_HINT = Duration.ofDays(MAX_HINT_DAYS);

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;

  SeatPacing(JdbcClient jdbc, JsonMapper json, SequorClock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  private record SeatRow(
      String id, ZoneId zone, Instant createdAt, Optional<Pacing> pacing, Instant backoffUntil) {}

  public Optional<Pacing> pacing(String seatId) {
    return seat(seatId, false).pacing();
  }

  @Transactional
  public void setPacing(String seatId, Pacing pacing) {
    seat(seatId, true);
    if (pacing != null && !pacing.problems().isEmpty()) {
      throw new InvalidInputException(pacing.problems());
    }
    jdbc.sql("UPDATE seats SET pacing = ?::jsonb WHERE id = ?")
        .params(pacing == null ? null : json.writeValueAsString(pacing), seatId)
        .update();
  }

  /**
   * The moment a step may act: its booked slot, booked now if it has none. Unpaced seats and
   * actions answer {@code notBefore}, or the end of the seat's back-off.
   */
  @Transactional
  public Instant book(
      String seatId, Channel channel, UUID enrolmentId, String stepKey, Instant notBefore) {
    SeatRow seat = seat(seatId, true);
    Optional<Slot> existing = slot(enrolmentId, stepKey);
    if (existing.isPresent() && existing.get().status() == Slot.Status.BOOKED) {
      return existing.get().at();
    }
    Instant start = SlotSearch.later(notBefore, seat.backoffUntil());
    Optional<Action> action = Action.of(channel);
    if (action.isEmpty()
        || seat.pacing().isEmpty()
        || !seat.pacing().get().caps().containsKey(action.get())) {
      return start;
    }
    Pacing pacing = seat.pacing().get();
    Pacing.Caps caps = pacing.caps().get(action.get());
    Optional<Instant> last =
        jdbc.sql(
                "SELECT MAX(slot_at) FROM seat_slots WHERE seat_id = ? AND action = ?"
                    + " AND status <> 'RELEASED'")
            .params(seatId, action.get().name())
            .query(Timestamp.class)
            .optional()
            .map(Timestamp::toInstant);
    Instant t = start;
    if (last.isPresent()) {
      t =
          SlotSearch.later(
              t,
              last.get()
                  .plus(SlotSearch.gap(pacing.minGap(), pacing.maxGap(), enrolmentId, stepKey)));
    }
    Instant at =
        SlotSearch.first(
            t,
            new SlotSearch.Window(
                seat.zone(), pacing.windowStart(), pacing.windowEnd(), pacing.days()),
            moment -> ramp(caps.daily(), pacing, seat, moment),
            moment -> ramp(caps.weekly(), pacing, seat, moment),
            (from, to) -> booked(seatId, action.get(), from, to));
    save(seatId, action.get(), enrolmentId, stepKey, at, existing.isPresent());
    return at;
  }

  /** The step no longer needs its slot: it stopped, or must book again after a back-off. */
  public void release(UUID enrolmentId, String stepKey) {
    jdbc.sql(
            "UPDATE seat_slots SET status = 'RELEASED' WHERE enrolment_id = ? AND step_key = ?"
                + " AND status = 'BOOKED'")
        .params(enrolmentId, stepKey)
        .update();
  }

  public void markUsed(UUID enrolmentId, String stepKey) {
    jdbc.sql(
            "UPDATE seat_slots SET status = 'USED' WHERE enrolment_id = ? AND step_key = ?"
                + " AND status = 'BOOKED'")
        .params(enrolmentId, stepKey)
        .update();
  }

  /** When the seat's back-off ends, if it is backing off now. */
  public Optional<Instant> backingOffUntil(String seatId) {
    Instant until = seat(seatId, false).backoffUntil();
    return until != null && until.isAfter(clock.now()) ? Optional.of(until) : Optional.empty();
  }

  /**
   * A restriction or rate limit without a hint from the provider: see {@link #backOff(String,
   * Duration)}.
   */
  @Transactional
  public Instant backOff(String seatId) {
    return backOff(seatId, null);
  }

  /**
   * The provider reported a restriction or rate limit: the seat pauses for its back-off, or for as
   * long as the provider asked ({@code Retry-After}) when that is longer; a hint is honoured up to
   * {@value #MAX_HINT_DAYS} days. A back-off already running that ends later is kept: a pause is
   * never shortened. Slots booked inside the pause are released; their steps find the seat backing
   * off when they wake, and book again after it. Nothing is lost and nothing fails.
   *
   * @param providerHint how long the provider asked Sequor to wait; null when it did not say
   * @return when the seat's back-off ends
   */
  @Transactional
  public Instant backOff(String seatId, Duration providerHint) {
    SeatRow seat = seat(seatId, true);
    Duration pause = seat.pacing().map(Pacing::backoff).orElse(DEFAULT_BACKOFF);
    if (providerHint != null) {
      Duration hint = providerHint.compareTo(MAX_HINT) > 0 ? MAX_HINT : providerHint;
      if (hint.compareTo(pause) > 0) {
        pause = hint;
      }
    }
    Instant until = SlotSearch.later(clock.now().plus(pause), seat.backoffUntil());
    jdbc.sql("UPDATE seats SET backoff_until = ? WHERE id = ?")
        .params(Timestamp.from(until), seatId)
        .update();
    jdbc.sql(
            "UPDATE seat_slots SET status = 'RELEASED' WHERE seat_id = ? AND status = 'BOOKED'"
                + " AND slot_at < ?")
        .params(seatId, Timestamp.from(until))
        .update();
    return until;
  }

  /** Booked slots from now on, soonest first. */
  public List<Slot> upcoming(String seatId, int limit) {
    seat(seatId, false);
    return jdbc.sql(
            "SELECT * FROM seat_slots WHERE seat_id = ? AND status = 'BOOKED' AND slot_at >= ?"
                + " ORDER BY slot_at, id LIMIT ?")
        .params(seatId, Timestamp.from(clock.now()), limit)
        .query(SeatPacing::mapSlot)
        .list();
  }

  public Optional<Slot> slot(UUID enrolmentId, String stepKey) {
    return jdbc.sql("SELECT * FROM seat_slots WHERE enrolment_id = ? AND step_key = ?")
        .params(enrolmentId, stepKey)
        .query(SeatPacing::mapSlot)
        .optional();
  }

  private void save(
      String seatId, Action action, UUID enrolmentId, String stepKey, Instant at, boolean rebook) {
    if (rebook) {
      jdbc.sql(
              "UPDATE seat_slots SET slot_at = ?, status = 'BOOKED', booked_at = ?"
                  + " WHERE enrolment_id = ? AND step_key = ?")
          .params(Timestamp.from(at), Timestamp.from(clock.now()), enrolmentId, stepKey)
          .update();
      return;
    }
    jdbc.sql(
            "INSERT INTO seat_slots (seat_id, action, enrolment_id, step_key, slot_at, status,"
                + " booked_at) VALUES (?, ?, ?, ?, ?, 'BOOKED', ?)")
        .params(
            seatId,
            action.name(),
            enrolmentId,
            stepKey,
            Timestamp.from(at),
            Timestamp.from(clock.now()))
        .update();
  }

  private int booked(String seatId, Action action, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT count(*) FROM seat_slots WHERE seat_id = ? AND action = ?"
                + " AND status <> 'RELEASED' AND slot_at >= ? AND slot_at < ?")
        .params(seatId, action.name(), Timestamp.from(from), Timestamp.from(to))
        .query(Integer.class)
        .single();
  }

  /** A new seat's caps grow evenly over its ramp-up weeks; never below one a day. */
  private static int ramp(int cap, Pacing pacing, SeatRow seat, Instant at) {
    if (pacing.rampUpWeeks() == 0) {
      return cap;
    }
    long weeks = Math.max(0, ChronoUnit.DAYS.between(seat.createdAt(), at) / 7);
    double share = Math.min(1.0, (weeks + 1) / (double) pacing.rampUpWeeks());
    return Math.max(1, (int) Math.floor(cap * share));
  }

  private SeatRow seat(String seatId, boolean lock) {
    return jdbc.sql(
            "SELECT id, timezone, created_at, pacing::text AS pacing, backoff_until FROM seats"
                + " WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))
        .param(seatId)
        .query(
            (rs, row) -> {
              String pacing = rs.getString("pacing");
              Timestamp backoff = rs.getTimestamp("backoff_until");
              return new SeatRow(
                  rs.getString("id"),
                  ZoneId.of(rs.getString("timezone")),
                  rs.getTimestamp("created_at").toInstant(),
                  pacing == null
                      ? Optional.empty()
                      : Optional.of(json.readValue(pacing, Pacing.class)),
                  backoff == null ? null : backoff.toInstant());
            })
        .optional()
        .orElseThrow(() -> new NotFoundException("seat", seatId));
  }

  private static Slot mapSlot(ResultSet rs, int row) throws SQLException {
    return new Slot(
        rs.getString("seat_id"),
        Action.valueOf(rs.getString("action")),
        rs.getObject("enrolment_id", UUID.class),
        rs.getString("step_key"),
        rs.getTimestamp("slot_at").toInstant(),
        Slot.Status.valueOf(rs.getString("status")));
  }
}
