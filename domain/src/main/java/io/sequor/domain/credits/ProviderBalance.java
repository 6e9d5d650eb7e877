package io.sequor.domain.credits;

import java.time.Instant;

/**
 * A seat's InMail credits as the LinkedIn provider last reported them, next to Sequor's ledger at
 * that moment.
 *
 * @param reported the provider's figure
 * @param ledgerBalance what the ledger held when the figure was recorded
 * @param reportedAt when the provider answered
 */
public record ProviderBalance(int reported, int ledgerBalance, Instant reportedAt) {

  /** Positive when LinkedIn counts more credits than the ledger, negative when fewer. */
  public int difference() {
    return reported - ledgerBalance;
  }
}
