package io.sequor.domain.credits;

import java.time.Instant;
import java.util.UUID;

/**
 * Credits that arrived together (a monthly grant or a purchase) and expire together.
 *
 * @param remaining credits of this lot still on the seat
 */
public record CreditLot(
    UUID id,
    String seatId,
    Source source,
    int quantity,
    int remaining,
    Instant grantedAt,
    Instant expiresAt,
    boolean expired) {

  public enum Source {
    GRANT,
    PURCHASE
  }
}
