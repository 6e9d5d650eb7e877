package io.sequor.domain.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.errors.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig({LedgerTestConfiguration.class, ProviderBalances.class})
class ProviderBalancesTest {

  @Autowired CreditLedger ledger;
  @Autowired ProviderBalances balances;

  private String newSeat() {
    String id = "seat-" + UUID.randomUUID();
    ledger.createSeat(id, id, "small", 15, ZoneId.of("UTC"));
    return id;
  }

  @Test
  void aSeatTheProviderNeverReportedOnHasNoReport() {
    assertThat(balances.latest(newSeat())).isEmpty();
  }

  @Test
  void aReportIsKeptWithTheLedgersBalanceAtThatMomentAndTheirDifference() {
    String seat = newSeat();
    ledger.consume(seat, UUID.randomUUID(), "day-0-inmail");
    Instant at = LedgerTestConfiguration.NOW.get();

    ProviderBalance report = balances.record(seat, 2, at);

    assertThat(report).isEqualTo(new ProviderBalance(2, 4, at));
    assertThat(report.difference()).isEqualTo(-2);
    assertThat(balances.latest(seat)).contains(report);
  }

  @Test
  void aLateAnswerDoesNotReplaceANewerReport() {
    String seat = newSeat();
    Instant at = LedgerTestConfiguration.NOW.get();
    balances.record(seat, 4, at);

    ProviderBalance kept = balances.record(seat, 5, at.minus(Duration.ofSeconds(1)));

    assertThat(kept.reported()).isEqualTo(4);
    assertThat(kept.reportedAt()).isEqualTo(at);
  }

  @Test
  void anUnknownSeatIsNotFound() {
    assertThatThrownBy(() -> balances.latest("no-such-seat")).isInstanceOf(NotFoundException.class);
  }
}
