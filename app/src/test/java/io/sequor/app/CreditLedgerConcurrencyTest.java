package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.credits.CreditLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger against the real PostgreSQL store. */
class CreditLedgerConcurrencyTest extends EmbeddedRuntimeTest {

  @Autowired CreditLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void fiftyEnrolmentsRacingForTheLastThreeCreditsSpendExactlyThree() throws Exception {
    String seat = "race-" + UUID.randomUUID();
    ledger.createSeat(seat, seat, "test-three", 1, java.time.ZoneId.of("UTC"));
    List<UUID> enrolments = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      enrolments.add(UUID.randomUUID());
    }
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (UUID enrolment : enrolments) {
      racers.add(() -> ledger.consume(seat, enrolment, "day-0-inmail"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    int won = 0;
    try {
      for (Future<Boolean> result : pool.invokeAll(racers)) {
        won += result.get() ? 1 : 0;
      }
    } finally {
      pool.shutdown();
    }
    assertThat(won).isEqualTo(3);
    assertThat(ledger.balance(seat)).isZero();
  }

  @Test
  void aRepeatedConsumeOrRefundChangesNothing() {
    String seat = "repeat-" + UUID.randomUUID();
    ledger.createSeat(seat, seat, "test-five", 1, java.time.ZoneId.of("UTC"));
    ledger.ensureSeat(seat, "test-five");
    UUID enrolment = UUID.randomUUID();

    assertThat(ledger.consume(seat, enrolment, "s")).isTrue();
    assertThat(ledger.consume(seat, enrolment, "s")).isTrue();
    assertThat(ledger.balance(seat)).isEqualTo(4);
    Instant now = clock.now();
    assertThat(ledger.refund(enrolment, "s", now)).isTrue();
    assertThat(ledger.refund(enrolment, "s", now)).isFalse();
    assertThat(ledger.balance(seat)).isEqualTo(5);
    assertThat(ledger.tally(enrolment)).isEqualTo(new CreditLedger.Tally(1, 1));
  }

  @Test
  void aCreditReleasedAfterAFailedSendIsNotCountedAsSpentOrRefunded() {
    String seat = "release-" + UUID.randomUUID();
    ledger.createSeat(seat, seat, "test-three", 1, java.time.ZoneId.of("UTC"));
    UUID enrolment = UUID.randomUUID();
    ledger.consume(seat, enrolment, "s");
    assertThat(ledger.release(enrolment, "s")).isTrue();
    assertThat(ledger.release(enrolment, "s")).isFalse();
    assertThat(ledger.balance(seat)).isEqualTo(3);
    assertThat(ledger.tally(enrolment)).isEqualTo(new CreditLedger.Tally(0, 0));
    assertThat(ledger.consume(seat, enrolment, "s")).as("a retry may spend again").isTrue();
    assertThat(ledger.balance(seat)).isEqualTo(2);
  }
}
