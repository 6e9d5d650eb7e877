package io.sequor.worker.linkedin;

import java.util.Optional;

/**
 * A gateway that can tell how many InMail credits LinkedIn itself counts on a seat, so Sequor's
 * ledger can be compared with it. Only the HTTP provider offers this; the sandbox and manual tasks
 * have no such figure, and no bean of this type exists for them.
 */
public interface CreditBalanceSource {

  /**
   * The seat's InMail credits as the provider reports them; empty when the provider does not offer
   * the figure. May throw when the provider is unreachable; the message then names no person.
   */
  Optional<Integer> reportedInMailCredits(String seatId);
}
