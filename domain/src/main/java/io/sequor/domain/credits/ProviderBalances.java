package io.sequor.domain.credits;

import io.sequor.domain.errors.NotFoundException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider's own count of each seat's InMail credits, kept on the seat beside the ledger's
 * balance at the same moment, so a drift between Sequor's ledger and LinkedIn shows. Only the
 * latest report is kept; the ledger stays the figure Sequor spends by.
 */
@Service
public class ProviderBalances {

  private final JdbcClient jdbc;
  private final CreditLedger ledger;

  ProviderBalances(JdbcClient jdbc, CreditLedger ledger) {
    this.jdbc = jdbc;
    this.ledger = ledger;
  }

  /**
   * Records the provider's figure with the ledger's balance now. A report older than the one
   * already kept (two sends on the seat, answered out of order) is dropped.
   *
   * @param reportedAt when the provider answered
   * @return the seat's latest report, this one unless a newer one was already kept
   */
  @Transactional
  public ProviderBalance record(String seatId, int reported, Instant reportedAt) {
    // Catches the seat up and locks its row, so concurrent reports are kept one at a time.
    int balance = ledger.balance(seatId);
    jdbc.sql(
            "UPDATE seats SET provider_inmail_credits = ?, provider_ledger_balance = ?,"
                + " provider_reported_at = ? WHERE id = ?"
                + " AND (provider_reported_at IS NULL OR provider_reported_at <= ?)")
        .params(reported, balance, Timestamp.from(reportedAt), seatId, Timestamp.from(reportedAt))
        .update();
    return latest(seatId).orElseThrow();
  }

  /** The seat's latest report; empty when the provider has never reported. */
  public Optional<ProviderBalance> latest(String seatId) {
    return jdbc.sql(
            "SELECT provider_inmail_credits, provider_ledger_balance, provider_reported_at"
                + " FROM seats WHERE id = ?")
        .param(seatId)
        .query(
            (rs, row) -> {
              Timestamp at = rs.getTimestamp("provider_reported_at");
              return at == null
                  ? Optional.<ProviderBalance>empty()
                  : Optional.of(
                      new ProviderBalance(
                          rs.getInt("provider_inmail_credits"),
                          rs.getInt("provider_ledger_balance"),
                          at.toInstant()));
            })
        .optional()
        .orElseThrow(() -> new NotFoundException("seat", seatId));
  }
}
