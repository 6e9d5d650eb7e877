package io.sequor.workflows.credits;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface CreditActivities {

  /**
   * Returns the credit an InMail step consumed, because the prospect responded within the refund
   * window. Idempotent: a second call for the same step changes nothing.
   *
   * @return whether this call added the refund
   */
  boolean refundCredit(String enrolmentId, String stepKey, String responseId);
}
