package io.sequor.workflows.linkedin;

import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface LinkedInActivities {

  /**
   * Sends one LinkedIn step through the configured gateway, at most once per idempotency key. An
   * InMail consumes a credit unless the recipient has an Open Profile. A manual gateway answers
   * {@code TASK_CREATED}.
   */
  SendResult sendLinkedIn(SendRequest request);

  /** Reads the rep's outcome of a completed manual task and records the send (and its credit). */
  SendResult confirmManualSend(SendRequest request);

  /** Withdraws an open manual task: the enrolment stopped or the task window passed. */
  void cancelManualTask(SendRequest request, String reason);
}
