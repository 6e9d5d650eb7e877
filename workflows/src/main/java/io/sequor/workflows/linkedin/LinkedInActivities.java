package io.sequor.workflows.linkedin;

import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

@ActivityInterface
public interface LinkedInActivities {

  /**
   * Sends one LinkedIn step through the configured gateway, at most once per idempotency key. An
   * InMail consumes a credit unless the recipient has an Open Profile. A manual gateway answers
   * {@code TASK_CREATED}.
   */
  SendResult sendLinkedIn(SendRequest request);

  /**
   * Books the seat slot this step may act in, respecting the seat's caps, window and back-off; the
   * same slot on a repeat. An unpaced seat answers the step's planned time.
   */
  Instant bookSlot(SendRequest request);

  /** Gives back a booked slot the step will not use. */
  void releaseSlot(SendRequest request);

  /** Reads the rep's outcome of a completed manual task and records the send (and its credit). */
  SendResult confirmManualSend(SendRequest request);

  /** Withdraws an open manual task: the enrolment stopped or the task window passed. */
  void cancelManualTask(SendRequest request, String reason);

  /**
   * Decides what becomes of a manual task whose window passed without a word from the rep: the
   * configured rule skips it or pushes it to the next window, a bounded number of times. A task the
   * rep completed meanwhile answers {@code DONE}.
   */
  TaskDeadline manualTaskOverdue(SendRequest request);

  /**
   * Withdraws the connection request sent under this request's key, if it is still pending. {@code
   * SENT} when withdrawn (or, with a manual gateway, a task to withdraw it was opened), {@code
   * SKIPPED} when there was nothing to withdraw.
   */
  SendResult withdrawInvitation(SendRequest connect);
}
