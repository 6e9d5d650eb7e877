package io.sequor.workflows.email;

import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface EmailActivities {

  /**
   * Renders and sends one email step from the enrolment's mailbox, at most once per idempotency
   * key. A mailbox disabled since the slot was booked answers {@code DEFERRED}: book again.
   */
  SendResult sendEmail(SendRequest request);

  /**
   * Books the slot the email may go out in on the enrolment's mailbox (daily cap, window, gaps);
   * the same slot on a repeat. An unpaced mailbox answers the planned time; a disabled one holds
   * the email.
   */
  EmailSlot bookMailboxSlot(SendRequest request);

  /** Gives back a booked slot the email will not use. */
  void releaseMailboxSlot(SendRequest request);
}
