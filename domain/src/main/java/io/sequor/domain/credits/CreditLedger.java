package io.sequor.domain.credits;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.domain.workspaces.Workspaces;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The InMail credits of every seat.
 *
 * <p>Credits arrive in lots: the plan's monthly grant on the seat's renewal day, and purchases. A
 * lot expires {@code credit-lifetime} (90 days) after it arrived. A seat never holds more than its
 * plan's cap: whatever would pass it is cut, and the cut is recorded. Consumption takes the lot
 * that expires first. A refund or a release returns the credit to the lot it came from, so it keeps
 * that lot's expiry, and no credit outlives 90 days.
 *
 * <p>Grants and expiries are not scheduled: every operation first catches the seat up to the engine
 * clock, under the seat's row lock. That keeps the embedded runtime's dev clock and time-skipping
 * tests honest, and needs no scheduler.
 *
 * <p>Every movement is an append-only entry with an idempotency key; the balance is their sum.
 */
@Service
public class CreditLedger {

  public enum Kind {
    GRANT,
    PURCHASE,
    CONSUME,
    /** Gives back a consumed credit whose InMail never went out; not a refund. */
    RELEASE,
    REFUND,
    EXPIRE,
    /** Credits a grant, purchase, refund or release would have added past the cap. */
    CAP_CUT
  }

  /** Spent and refunded counts for one enrolment. */
  public record Tally(int spent, int refunded) {
    public int net() {
      return spent - refunded;
    }
  }

  /** Lots with what each still holds: the sum of the ledger entries that name it. */
  private static final String LOTS =
      "SELECT l.*, COALESCE((SELECT SUM(e.amount) FROM credit_ledger e WHERE e.lot_id = l.id), 0)"
          + " AS remaining FROM credit_lots l";

  private final JdbcClient jdbc;
  private final SequorClock clock;
  private final SequorProperties.LinkedIn settings;
  private final EventLog events;

  CreditLedger(JdbcClient jdbc, SequorClock clock, SequorProperties properties, EventLog events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = properties.linkedin();
    this.events = events;
  }

  // ---- seats ---------------------------------------------------------------------------------

  /** Creates the seat, once; its first grant arrives at once. */
  @Transactional
  public Seat createSeat(String id, String name, String plan, int renewalDay, ZoneId zone) {
    return createSeat(id, name, plan, renewalDay, zone, false, false);
  }

  /** Creates the seat, once; its first grant arrives at once. */
  @Transactional
  public Seat createSeat(
      String id,
      String name,
      String plan,
      int renewalDay,
      ZoneId zone,
      boolean freeAccount,
      boolean manual) {
    return createSeat(Workspaces.DEFAULT, id, name, plan, renewalDay, zone, freeAccount, manual);
  }

  /**
   * Creates the seat in a workspace, once; its first grant arrives at once. Seat ids are unique
   * across the installation: one taken by another workspace answers 409 without saying whose.
   */
  @Transactional
  public Seat createSeat(
      UUID workspaceId,
      String id,
      String name,
      String plan,
      int renewalDay,
      ZoneId zone,
      boolean freeAccount,
      boolean manual) {
    planOf(plan, "plan");
    if (renewalDay < 1 || renewalDay > 31) {
      throw new InvalidInputException("renewalDay", "must be a day of the month, 1 to 31");
    }
    int inserted =
        jdbc.sql(
                "INSERT INTO seats (id, name, plan, renewal_day, timezone, created_at,"
                    + " free_account, manual, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING")
            .params(
                id,
                name,
                plan,
                renewalDay,
                zone.getId(),
                Timestamp.from(clock.now()),
                freeAccount,
                manual,
                workspaceId)
            .update();
    if (inserted == 0) {
      if (seats(workspaceId).stream().noneMatch(s -> s.id().equals(id))) {
        throw new ConflictException("seat id '" + id + "' is taken; choose another", null);
      }
      throw new ConflictException("seat '" + id + "' exists", id);
    }
    catchUp(seat(id), clock.now());
    return seat(id);
  }

  /** Creates the seat unless it exists; for start-up bootstrapping. */
  @Transactional
  public void ensureSeat(String id, String plan) {
    if (findSeat(id).isEmpty()) {
      int day = clock.now().atZone(ZoneId.of("UTC")).getDayOfMonth();
      try {
        createSeat(id, id, plan, day, ZoneId.of("UTC"));
      } catch (ConflictException createdConcurrently) {
        // Another process created it first; nothing to do.
      }
    }
  }

  public Seat seat(String id) {
    return findSeat(id).orElseThrow(() -> new NotFoundException("seat", id));
  }

  public Optional<Seat> findSeat(String id) {
    return jdbc.sql("SELECT * FROM seats WHERE id = ?")
        .param(id)
        .query(CreditLedger::mapSeat)
        .optional();
  }

  /** The workspace's seats. */
  public List<Seat> seats(UUID workspaceId) {
    return jdbc.sql("SELECT * FROM seats WHERE workspace_id = ? ORDER BY created_at, id")
        .param(workspaceId)
        .query(CreditLedger::mapSeat)
        .list();
  }

  public boolean seatExists(String seatId) {
    return findSeat(seatId).isPresent();
  }

  // ---- balance -------------------------------------------------------------------------------

  /** The seat's credits now, after any grant or expiry that fell due. */
  @Transactional
  public int balance(String seatId) {
    catchUp(lock(seatId), clock.now());
    return sum(seatId);
  }

  /** The seat's lots, soonest expiry first, after catching up. */
  @Transactional
  public List<CreditLot> lots(String seatId) {
    catchUp(lock(seatId), clock.now());
    return jdbc.sql(LOTS + " WHERE l.seat_id = ? ORDER BY l.expires_at, l.granted_at")
        .param(seatId)
        .query(CreditLedger::mapLot)
        .list();
  }

  /** The seat's ledger, newest first. */
  public List<LedgerEntry> entries(String seatId, int limit, int offset) {
    seat(seatId);
    return jdbc.sql(
            "SELECT * FROM credit_ledger WHERE seat_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
        .params(seatId, limit, offset)
        .query(CreditLedger::mapEntry)
        .list();
  }

  // ---- movements -----------------------------------------------------------------------------

  /**
   * Takes one credit for an InMail step, from the lot that expires first.
   *
   * @return false when the seat has no credit left; true when consumed now or before
   */
  @Transactional
  public boolean consume(String seatId, UUID enrolmentId, String stepKey) {
    Instant now = clock.now();
    catchUp(lock(seatId), now);
    if (tally(enrolmentId, stepKey) > 0) {
      return true;
    }
    Optional<UUID> lot =
        jdbc.sql(
                "SELECT l.id FROM credit_lots l WHERE l.seat_id = ? AND NOT l.expired"
                    + " AND l.expires_at > ? AND (SELECT COALESCE(SUM(e.amount), 0)"
                    + " FROM credit_ledger e WHERE e.lot_id = l.id) > 0"
                    + " ORDER BY l.expires_at, l.granted_at LIMIT 1")
            .params(seatId, Timestamp.from(now))
            .query(UUID.class)
            .optional();
    if (lot.isEmpty()) {
      return false;
    }
    String key =
        "consume:" + enrolmentId + ":" + stepKey + ":" + count(Kind.CONSUME, enrolmentId, stepKey);
    append(seatId, Kind.CONSUME, -1, 1, lot.get(), key, enrolmentId, stepKey, now);
    events.append(EventType.CREDIT_SPENT, enrolmentId, stepKey, null, null, now, key);
    return true;
  }

  /**
   * Returns the credit an InMail step consumed, because the prospect responded in time.
   *
   * @return whether this call recorded the refund (false if refunded before or never consumed)
   */
  @Transactional
  public boolean refund(UUID enrolmentId, String stepKey, Instant at) {
    return giveBack(Kind.REFUND, "refund:" + enrolmentId + ":" + stepKey, enrolmentId, stepKey, at);
  }

  /** Returns a credit consumed for an InMail that was not sent after all. */
  @Transactional
  public boolean release(UUID enrolmentId, String stepKey) {
    return giveBack(
        Kind.RELEASE,
        "release:" + enrolmentId + ":" + stepKey + ":" + count(Kind.RELEASE, enrolmentId, stepKey),
        enrolmentId,
        stepKey,
        clock.now());
  }

  /** Buys extra credits where the seat's plan allows it; they expire like a grant. */
  @Transactional
  public CreditLot purchase(String seatId, int quantity, String idempotencyKey) {
    Instant now = clock.now();
    Seat seat = lock(seatId);
    catchUp(seat, now);
    String key = "purchase:" + seatId + ":" + idempotencyKey;
    Optional<UUID> earlier =
        jdbc.sql("SELECT lot_id FROM credit_ledger WHERE idempotency_key = ?")
            .param(key)
            .query(UUID.class)
            .optional();
    if (earlier.isPresent()) {
      return lot(earlier.get());
    }
    SequorProperties.LinkedIn.Plan plan = planOf(seat.plan(), "plan");
    if (!plan.creditsPurchasable()) {
      throw new ConflictException("plan '" + seat.plan() + "' does not sell extra credits", seatId);
    }
    if (quantity < 1) {
      throw new InvalidInputException("quantity", "must be 1 or more");
    }
    int room = plan.room(sum(seatId));
    if (quantity > room) {
      throw new InvalidInputException(
          "quantity",
          "would pass the plan's cap of "
              + plan.cap()
              + " credits; at most "
              + room
              + " can be bought now");
    }
    UUID lot = newLot(seatId, CreditLot.Source.PURCHASE, quantity, now);
    append(seatId, Kind.PURCHASE, quantity, quantity, lot, key, null, null, now);
    return lot(lot);
  }

  /** When the seat's next monthly credits arrive; empty for a plan that grants none. */
  public Optional<Instant> nextCreditsAt(String seatId) {
    Seat seat = seat(seatId);
    if (planOf(seat.plan(), "plan").monthlyCredits() == 0) {
      return Optional.empty();
    }
    return Optional.of(nextGrantAt(seat));
  }

  /** The seat's first grant arrives when it is created; each later one on the next renewal. */
  private Instant nextGrantAt(Seat seat) {
    return jdbc.sql(
            "SELECT MAX(granted_at) FROM credit_lots WHERE seat_id = ? AND source = 'GRANT'")
        .param(seat.id())
        .query(Timestamp.class)
        .optional()
        .map(last -> seat.nextRenewalAfter(last.toInstant()))
        .orElse(seat.createdAt());
  }

  // ---- reporting -----------------------------------------------------------------------------

  public Tally tally(UUID enrolmentId) {
    return jdbc.sql(
            "SELECT COUNT(*) FILTER (WHERE kind = 'CONSUME')"
                + " - COUNT(*) FILTER (WHERE kind = 'RELEASE') AS spent,"
                + " COUNT(*) FILTER (WHERE kind = 'REFUND') AS refunded"
                + " FROM credit_ledger WHERE enrolment_id = ?")
        .param(enrolmentId)
        .query((rs, row) -> new Tally(rs.getInt("spent"), rs.getInt("refunded")))
        .single();
  }

  /** Credits one step holds: 1 when consumed and not released, else 0. */
  public int tally(UUID enrolmentId, String stepKey) {
    return jdbc.sql(
            "SELECT COALESCE(SUM(CASE kind WHEN 'CONSUME' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END),"
                + " 0) FROM credit_ledger WHERE enrolment_id = ? AND step_key = ?")
        .params(enrolmentId, stepKey)
        .query(Integer.class)
        .single();
  }

  /**
   * Spent, refunded and still refundable credits.
   *
   * @param inRefundWindow spent, not refunded, and sent less than the refund window ago
   */
  public record Credits(int spent, int refunded, int inRefundWindow) {
    public int net() {
      return spent - refunded;
    }
  }

  public Credits creditsOfSeat(String seatId, Duration refundWindow) {
    seat(seatId);
    return credits("seat_id = ?", seatId, refundWindow);
  }

  public Credits creditsOfEnrolment(UUID enrolmentId, Duration refundWindow) {
    return credits("enrolment_id = ?", enrolmentId, refundWindow);
  }

  private Credits credits(String where, Object key, Duration refundWindow) {
    Instant since = clock.now().minus(refundWindow);
    return jdbc.sql(
            "WITH steps AS (SELECT enrolment_id, step_key,"
                + " SUM(CASE kind WHEN 'CONSUME' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END) AS held,"
                + " COUNT(*) FILTER (WHERE kind = 'REFUND') AS refunded,"
                + " MAX(occurred_at) FILTER (WHERE kind = 'CONSUME') AS spent_at"
                + " FROM credit_ledger WHERE "
                + where
                + " AND enrolment_id IS NOT NULL GROUP BY enrolment_id, step_key)"
                + " SELECT COALESCE(SUM(held), 0) AS spent, COALESCE(SUM(refunded), 0) AS refunded,"
                + " COUNT(*) FILTER (WHERE held > 0 AND refunded = 0 AND spent_at > ?) AS open"
                + " FROM steps")
        .params(key, Timestamp.from(since))
        .query(
            (rs, row) -> new Credits(rs.getInt("spent"), rs.getInt("refunded"), rs.getInt("open")))
        .single();
  }

  // ---- internals -----------------------------------------------------------------------------

  private boolean giveBack(Kind kind, String key, UUID enrolmentId, String stepKey, Instant at) {
    Optional<LedgerEntry> consumed =
        jdbc.sql(
                "SELECT * FROM credit_ledger WHERE enrolment_id = ? AND step_key = ?"
                    + " AND kind = 'CONSUME' ORDER BY id DESC LIMIT 1")
            .params(enrolmentId, stepKey)
            .query(CreditLedger::mapEntry)
            .optional();
    if (consumed.isEmpty()) {
      return false;
    }
    String seatId = consumed.get().seatId();
    Seat seat = lock(seatId);
    catchUp(seat, at);
    if (tally(enrolmentId, stepKey) < 1 || exists(key)) {
      return false;
    }
    if (kind == Kind.REFUND && count(Kind.REFUND, enrolmentId, stepKey) > 0) {
      return false;
    }
    UUID lotId = consumed.get().lotId();
    CreditLot lot = lot(lotId);
    int room = planOf(seat.plan(), "plan").room(sum(seatId));
    boolean kept = room > 0;
    append(seatId, kind, kept ? 1 : 0, 1, lotId, key, enrolmentId, stepKey, at);
    events.append(
        kind == Kind.REFUND ? EventType.CREDIT_REFUNDED : EventType.CREDIT_RELEASED,
        enrolmentId,
        stepKey,
        null,
        EventLog.data("creditKept", kept),
        at,
        key);
    if (!kept) {
      append(seatId, Kind.CAP_CUT, 0, 1, lotId, "cut:" + key, enrolmentId, stepKey, at);
    } else if (lot.expired() || !lot.expiresAt().isAfter(at)) {
      // The credit comes back to a lot that has already expired: it expires with it.
      append(seatId, Kind.EXPIRE, -1, 1, lotId, "expire:" + key, enrolmentId, stepKey, at);
    }
    return true;
  }

  /**
   * Applies every grant and expiry due up to {@code now}, in time order; expiries first on a tie,
   * so a renewal day's grant sees the room the expired lot left. Caller holds the seat lock.
   */
  private void catchUp(Seat seat, Instant now) {
    SequorProperties.LinkedIn.Plan plan = planOf(seat.plan(), "plan");
    Instant nextGrant = nextGrantAt(seat);
    while (true) {
      Optional<CreditLot> expiring =
          jdbc.sql(LOTS + " WHERE l.seat_id = ? AND NOT l.expired ORDER BY l.expires_at LIMIT 1")
              .param(seat.id())
              .query(CreditLedger::mapLot)
              .optional();
      Instant nextExpiry = expiring.map(CreditLot::expiresAt).orElse(Instant.MAX);
      if (!nextExpiry.isAfter(now) && !nextExpiry.isAfter(nextGrant)) {
        CreditLot lot = expiring.get();
        if (lot.remaining() > 0) {
          append(
              seat.id(),
              Kind.EXPIRE,
              -lot.remaining(),
              lot.remaining(),
              lot.id(),
              "expire:" + lot.id(),
              null,
              null,
              lot.expiresAt());
        }
        jdbc.sql("UPDATE credit_lots SET expired = true WHERE id = ?").param(lot.id()).update();
        continue;
      }
      if (nextGrant.isAfter(now)) {
        return;
      }
      int granted = Math.min(plan.monthlyCredits(), plan.room(sum(seat.id())));
      int cut = plan.monthlyCredits() - granted;
      String key = "grant:" + seat.id() + ":" + nextGrant;
      UUID lot = newLot(seat.id(), CreditLot.Source.GRANT, granted, nextGrant);
      append(seat.id(), Kind.GRANT, granted, granted, lot, key, null, null, nextGrant);
      if (cut > 0) {
        append(seat.id(), Kind.CAP_CUT, 0, cut, lot, "cut:" + key, null, null, nextGrant);
      }
      nextGrant = seat.nextRenewalAfter(nextGrant);
    }
  }

  private UUID newLot(String seatId, CreditLot.Source source, int quantity, Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO credit_lots (id, seat_id, source, quantity, granted_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            id,
            seatId,
            source.name(),
            quantity,
            Timestamp.from(at),
            Timestamp.from(at.plus(settings.creditLifetime())))
        .update();
    return id;
  }

  private CreditLot lot(UUID id) {
    return jdbc.sql(LOTS + " WHERE l.id = ?").param(id).query(CreditLedger::mapLot).single();
  }

  private Seat lock(String seatId) {
    return jdbc.sql("SELECT * FROM seats WHERE id = ? FOR UPDATE")
        .param(seatId)
        .query(CreditLedger::mapSeat)
        .optional()
        .orElseThrow(() -> new NotFoundException("seat", seatId));
  }

  private int sum(String seatId) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM credit_ledger WHERE seat_id = ?")
        .param(seatId)
        .query(Integer.class)
        .single();
  }

  private SequorProperties.LinkedIn.Plan planOf(String plan, String field) {
    return settings
        .plan(plan)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    field,
                    "no plan '" + plan + "'; configured plans are " + settings.plans().keySet()));
  }

  private boolean exists(String key) {
    return jdbc.sql("SELECT count(*) FROM credit_ledger WHERE idempotency_key = ?")
            .param(key)
            .query(Long.class)
            .single()
        > 0;
  }

  private int count(Kind kind, UUID enrolmentId, String stepKey) {
    return jdbc.sql(
            "SELECT count(*) FROM credit_ledger WHERE enrolment_id = ? AND step_key = ? AND kind = ?")
        .params(enrolmentId, stepKey, kind.name())
        .query(Integer.class)
        .single();
  }

  private void append(
      String seatId,
      Kind kind,
      int amount,
      int quantity,
      UUID lotId,
      String key,
      UUID enrolmentId,
      String stepKey,
      Instant at) {
    jdbc.sql(
            "INSERT INTO credit_ledger (seat_id, kind, amount, quantity, lot_id, idempotency_key,"
                + " enrolment_id, step_key, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (idempotency_key) DO NOTHING")
        .params(
            seatId,
            kind.name(),
            amount,
            quantity,
            lotId,
            key,
            enrolmentId,
            stepKey,
            Timestamp.from(at))
        .update();
  }

  private static Seat mapSeat(ResultSet rs, int row) throws SQLException {
    return new Seat(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("plan"),
        rs.getInt("renewal_day"),
        ZoneId.of(rs.getString("timezone")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getBoolean("free_account"),
        rs.getBoolean("manual"));
  }

  private static CreditLot mapLot(ResultSet rs, int row) throws SQLException {
    return new CreditLot(
        rs.getObject("id", UUID.class),
        rs.getString("seat_id"),
        CreditLot.Source.valueOf(rs.getString("source")),
        rs.getInt("quantity"),
        rs.getInt("remaining"),
        rs.getTimestamp("granted_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant(),
        rs.getBoolean("expired"));
  }

  private static LedgerEntry mapEntry(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(
        rs.getLong("id"),
        rs.getString("seat_id"),
        Kind.valueOf(rs.getString("kind")),
        rs.getInt("amount"),
        rs.getInt("quantity"),
        rs.getObject("lot_id", UUID.class),
        rs.getObject("enrolment_id", UUID.class),
        rs.getString("step_key"),
        rs.getTimestamp("occurred_at").toInstant());
  }
}
