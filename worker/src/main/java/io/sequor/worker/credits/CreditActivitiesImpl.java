package io.sequor.worker.credits;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.workflows.credits.CreditActivities;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component("creditActivities")
class CreditActivitiesImpl implements CreditActivities {

  private final CreditLedger ledger;
  private final SequorClock clock;

  CreditActivitiesImpl(CreditLedger ledger, SequorClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public boolean refundCredit(String enrolmentId, String stepKey, String responseId) {
    return ledger.refund(UUID.fromString(enrolmentId), stepKey, clock.now());
  }
}
