package io.sequor.worker.linkedin;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.credits.ProviderBalance;
import io.sequor.domain.credits.ProviderBalances;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After the provider charged a credit for an InMail or refused one for want of credit, reads how
 * many credits the provider counts on the seat and records that beside the ledger's balance. Best
 * effort: the send has already been recorded, so a failed read or write is logged and forgotten,
 * and the next InMail tries again. Does nothing where no {@link CreditBalanceSource} exists (the
 * sandbox, manual tasks).
 */
@Component
class ProviderCreditCheck {

  private static final Logger log = LoggerFactory.getLogger(ProviderCreditCheck.class);

  private final ObjectProvider<CreditBalanceSource> source;
  private final ProviderBalances balances;
  private final SequorClock clock;

  ProviderCreditCheck(
      ObjectProvider<CreditBalanceSource> source, ProviderBalances balances, SequorClock clock) {
    this.source = source;
    this.balances = balances;
    this.clock = clock;
  }

  void afterInMail(String seatId) {
    CreditBalanceSource provider = source.getIfUnique();
    if (provider == null) {
      return;
    }
    Optional<Integer> reported;
    try {
      reported = provider.reportedInMailCredits(seatId);
    } catch (RuntimeException e) {
      // The source's messages name no person (see CreditBalanceSource).
      log.warn(
          "seat {}: reading the provider's InMail credits failed ({}); the send stands",
          seatId,
          e.getMessage());
      return;
    }
    if (reported.isEmpty()) {
      return;
    }
    try {
      ProviderBalance report = balances.record(seatId, reported.get(), clock.now());
      if (report.difference() != 0) {
        log.info(
            "seat {}: the provider reports {} InMail credits, the ledger holds {}",
            seatId,
            report.reported(),
            report.ledgerBalance());
      }
    } catch (RuntimeException e) {
      log.warn(
          "seat {}: recording the provider's InMail credits failed ({}); the send stands",
          seatId,
          e.getClass().getSimpleName());
    }
  }
}
