package io.sequor.domain.credits;

import io.sequor.domain.config.SequorClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credit movements. Each has an idempotency key, so a consume or refund applied twice changes
 * nothing; a consume locks the seat row, so racing enrolments cannot overspend it.
 */
@Service
public class CreditLedger {

  public enum Kind {
    GRANT,
    CONSUME,
    /** Gives back a consumed credit whose InMail never went out; not a refund. */
    RELEASE,
    REFUND
  }

  /** Spent and refunded counts for one enrolment. */
  public record Tally(int spent, int refunded) {
    public int net() {
      return spent - refunded;
    }
  }

  private final JdbcClient jdbc;
  private final SequorClock clock;

  CreditLedger(JdbcClient jdbc, SequorClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Creates the seat with its starting credits, once. */
  @Transactional
  public void ensureSeat(String seatId, String name, int startingCredits) {
    Timestamp now = Timestamp.from(clock.now());
    jdbc.sql("INSERT INTO seats (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        .params(seatId, name, now)
        .update();
    if (startingCredits > 0) {
      append(seatId, Kind.GRANT, startingCredits, "grant:start:" + seatId, null, null, now);
    }
  }

  public boolean seatExists(String seatId) {
    return jdbc.sql("SELECT count(*) FROM seats WHERE id = ?")
            .param(seatId)
            .query(Long.class)
            .single()
        > 0;
  }

  public int balance(String seatId) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM credit_ledger WHERE seat_id = ?")
        .param(seatId)
        .query(Integer.class)
        .single();
  }

  /**
   * Takes one credit for an InMail step. Must run inside the caller's transaction.
   *
   * @return false when the seat has no credit left; true when consumed now or before
   */
  @Transactional
  public boolean consume(String seatId, UUID enrolmentId, String stepKey) {
    lockSeat(seatId);
    if (tally(enrolmentId, stepKey) > 0) {
      return true;
    }
    if (balance(seatId) < 1) {
      return false;
    }
    append(
        seatId,
        Kind.CONSUME,
        -1,
        "consume:" + enrolmentId + ":" + stepKey + ":" + count(Kind.CONSUME, enrolmentId, stepKey),
        enrolmentId,
        stepKey,
        Timestamp.from(clock.now()));
    return true;
  }

  /**
   * Returns the credit an InMail step consumed.
   *
   * @return whether this call added the refund (false if refunded before or never consumed)
   */
  @Transactional
  public boolean refund(UUID enrolmentId, String stepKey, Instant at) {
    Optional<String> seatId = seatOf(enrolmentId, stepKey);
    if (seatId.isEmpty() || tally(enrolmentId, stepKey) < 1) {
      return false;
    }
    return append(
        seatId.get(),
        Kind.REFUND,
        1,
        "refund:" + enrolmentId + ":" + stepKey,
        enrolmentId,
        stepKey,
        Timestamp.from(at));
  }

  /** Returns a credit consumed for an InMail that was not sent after all. */
  @Transactional
  public boolean release(UUID enrolmentId, String stepKey) {
    Optional<String> seatId = seatOf(enrolmentId, stepKey);
    if (seatId.isEmpty()) {
      return false;
    }
    lockSeat(seatId.get());
    if (tally(enrolmentId, stepKey) < 1) {
      return false;
    }
    return append(
        seatId.get(),
        Kind.RELEASE,
        1,
        "release:" + enrolmentId + ":" + stepKey + ":" + count(Kind.RELEASE, enrolmentId, stepKey),
        enrolmentId,
        stepKey,
        Timestamp.from(clock.now()));
  }

  private void lockSeat(String seatId) {
    jdbc.sql("SELECT id FROM seats WHERE id = ? FOR UPDATE").param(seatId).query().rowSet();
  }

  private Optional<String> seatOf(UUID enrolmentId, String stepKey) {
    return jdbc.sql(
            "SELECT seat_id FROM credit_ledger WHERE enrolment_id = ? AND step_key = ?"
                + " AND kind = 'CONSUME' LIMIT 1")
        .params(enrolmentId, stepKey)
        .query(String.class)
        .optional();
  }

  private int count(Kind kind, UUID enrolmentId, String stepKey) {
    return jdbc.sql(
            "SELECT count(*) FROM credit_ledger WHERE enrolment_id = ? AND step_key = ? AND kind = ?")
        .params(enrolmentId, stepKey, kind.name())
        .query(Integer.class)
        .single();
  }

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
            "SELECT COALESCE(SUM(CASE kind WHEN 'CONSUME' THEN 1 WHEN 'RELEASE' THEN -1 ELSE 0 END), 0)"
                + " FROM credit_ledger WHERE enrolment_id = ? AND step_key = ?")
        .params(enrolmentId, stepKey)
        .query(Integer.class)
        .single();
  }

  private boolean append(
      String seatId,
      Kind kind,
      int amount,
      String key,
      UUID enrolmentId,
      String stepKey,
      Timestamp at) {
    return jdbc.sql(
                "INSERT INTO credit_ledger (seat_id, kind, amount, idempotency_key, enrolment_id,"
                    + " step_key, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (idempotency_key) DO NOTHING")
            .params(seatId, kind.name(), amount, key, enrolmentId, stepKey, at)
            .update()
        == 1;
  }
}
