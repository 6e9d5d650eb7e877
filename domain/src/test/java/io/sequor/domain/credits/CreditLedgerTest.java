package io.sequor.domain.credits;

import static io.sequor.domain.credits.LedgerTestConfiguration.SMALL;
import static io.sequor.domain.credits.LedgerTestConfiguration.advance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(LedgerTestConfiguration.class)
class CreditLedgerTest {

  @Autowired CreditLedger ledger;
  @Autowired JdbcClient jdbc;

  private Seat newSeat(String plan) {
    String id = "seat-" + UUID.randomUUID();
    return ledger.createSeat(id, id, plan, 15, ZoneId.of("Europe/Paris"));
  }

  @Nested
  class Grants {

    @Test
    void aNewSeatGetsItsMonthlyCreditsAndMoreOnEachRenewalDayUpToTheCap() {
      Seat seat = newSeat("small");
      assertThat(ledger.balance(seat.id())).isEqualTo(5);
      advance(Duration.ofDays(31));
      assertThat(ledger.balance(seat.id())).isEqualTo(10);
      advance(Duration.ofDays(31));
      assertThat(ledger.balance(seat.id())).as("the cap of 12 cuts the third grant").isEqualTo(12);
      assertThat(ledger.entries(seat.id(), 50, 0))
          .filteredOn(e -> e.kind() == CreditLedger.Kind.CAP_CUT)
          .singleElement()
          .satisfies(cut -> assertThat(cut.quantity()).isEqualTo(3));
    }

    @Test
    void eachGrantExpiresNinetyDaysAfterItArrived() {
      Seat seat = newSeat("no-sales");
      Instant first = ledger.lots(seat.id()).get(0).grantedAt();
      advance(Duration.ofDays(89));
      assertThat(ledger.lots(seat.id()))
          .filteredOn(l -> l.grantedAt().equals(first))
          .singleElement()
          .satisfies(l -> assertThat(l.remaining()).isEqualTo(5));
      advance(Duration.ofDays(2));
      assertThat(ledger.lots(seat.id()))
          .filteredOn(l -> l.grantedAt().equals(first))
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.expired()).isTrue();
                assertThat(l.remaining()).isZero();
              });
    }
  }

  @Test
  void consumptionTakesTheOldestCreditFirst() {
    Seat seat = newSeat("small");
    advance(Duration.ofDays(31));
    UUID enrolment = UUID.randomUUID();
    ledger.consume(seat.id(), enrolment, "a");
    List<CreditLot> lots = ledger.lots(seat.id());
    assertThat(lots.get(0).remaining()).isEqualTo(4);
    assertThat(lots.get(1).remaining()).isEqualTo(5);
  }

  @Test
  void aRefundedCreditKeepsTheExpiryOfTheLotItCameFrom() {
    Seat seat = newSeat("no-sales");
    UUID enrolment = UUID.randomUUID();
    ledger.consume(seat.id(), enrolment, "a");
    advance(Duration.ofDays(95));
    assertThat(ledger.refund(enrolment, "a", LedgerTestConfiguration.NOW.get())).isTrue();
    CreditLot first = ledger.lots(seat.id()).get(0);
    assertThat(first.expired()).isTrue();
    assertThat(first.remaining()).as("the lot had expired, so the refund expires with it").isZero();
    assertThat(ledger.tally(enrolment)).isEqualTo(new CreditLedger.Tally(1, 1));
  }

  @Nested
  class Purchases {

    @Test
    void buysCreditsUpToTheCapOnlyOncePerIdempotencyKey() {
      Seat seat = newSeat("small");
      CreditLot lot = ledger.purchase(seat.id(), 4, "order-1");
      assertThat(ledger.purchase(seat.id(), 4, "order-1").id()).isEqualTo(lot.id());
      assertThat(ledger.balance(seat.id())).isEqualTo(9);
      assertThatThrownBy(() -> ledger.purchase(seat.id(), 4, "order-2"))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.problems().get(0).reason()).contains("cap of 12", "at most 3"));
    }

    @Test
    void aPlanThatSellsNoCreditsRefusesAPurchase() {
      Seat seat = newSeat("no-sales");
      assertThatThrownBy(() -> ledger.purchase(seat.id(), 1, "order"))
          .isInstanceOf(ConflictException.class);
    }
  }

  @Test
  void anUnknownPlanIsNamed() {
    assertThatThrownBy(() -> newSeat("gold"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.problems().get(0).field()).isEqualTo("plan"));
  }

  /**
   * Random runs of grant (by moving time), consume, refund, release, purchase and expiry. Each seed
   * is one reproducible run; after every step the seat's books must hold.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
  void theBooksHoldWhateverHappens(long seed) {
    Random random = new Random(seed);
    Seat seat = newSeat("small");
    List<UUID> spentBy = new ArrayList<>();
    for (int step = 0; step < 60; step++) {
      int move = random.nextInt(100);
      if (move < 20) {
        advance(Duration.ofHours(1 + random.nextInt(24 * 20)));
      } else if (move < 55) {
        UUID enrolment = UUID.randomUUID();
        if (ledger.consume(seat.id(), enrolment, "inmail")) {
          spentBy.add(enrolment);
          assertThat(ledger.consume(seat.id(), enrolment, "inmail")).isTrue();
        }
      } else if (move < 75 && !spentBy.isEmpty()) {
        UUID enrolment = spentBy.get(random.nextInt(spentBy.size()));
        Instant now = LedgerTestConfiguration.NOW.get();
        int before = entryCount(seat);
        boolean first = ledger.refund(enrolment, "inmail", now);
        ledger.refund(enrolment, "inmail", now);
        assertThat(entryCount(seat))
            .as("a repeated refund adds nothing")
            .isLessThanOrEqualTo(before + 2);
        if (!first) {
          assertThat(entryCount(seat)).isEqualTo(before);
        }
      } else if (move < 85 && !spentBy.isEmpty()) {
        ledger.release(spentBy.remove(random.nextInt(spentBy.size())), "inmail");
      } else {
        int room = SMALL.room(ledger.balance(seat.id()));
        if (room > 0) {
          ledger.purchase(seat.id(), 1 + random.nextInt(room), "order-" + step);
        }
      }
      assertBooks(seat, seed, step);
    }
  }

  private int entryCount(Seat seat) {
    return jdbc.sql("SELECT count(*) FROM credit_ledger WHERE seat_id = ?")
        .param(seat.id())
        .query(Integer.class)
        .single();
  }

  private void assertBooks(Seat seat, long seed, int step) {
    String at = "seed " + seed + ", step " + step;
    int balance = ledger.balance(seat.id());
    int sumOfEntries =
        jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM credit_ledger WHERE seat_id = ?")
            .param(seat.id())
            .query(Integer.class)
            .single();
    List<CreditLot> lots = ledger.lots(seat.id());
    Instant now = LedgerTestConfiguration.NOW.get();
    assertThat(balance).as("never negative, %s", at).isGreaterThanOrEqualTo(0);
    assertThat(balance).as("never above the cap, %s", at).isLessThanOrEqualTo(SMALL.cap());
    assertThat(balance).as("equals the sum of the entries, %s", at).isEqualTo(sumOfEntries);
    assertThat(lots.stream().mapToInt(CreditLot::remaining).sum())
        .as("equals what the lots hold, %s", at)
        .isEqualTo(balance);
    for (CreditLot lot : lots) {
      assertThat(lot.remaining()).as("lot never negative, %s", at).isGreaterThanOrEqualTo(0);
      if (!lot.expiresAt().isAfter(now)) {
        assertThat(lot.remaining()).as("no credit outlives its 90 days, %s", at).isZero();
      }
      assertThat(Duration.between(lot.grantedAt(), lot.expiresAt())).isEqualTo(Duration.ofDays(90));
    }
  }
}
