package io.sequor.workflows.enrolment;

/** Where one step is. */
public enum StepStatus {
  PENDING,
  SENDING,
  /** A rep has a task to send this step by hand. */
  AWAITING_TASK,
  SENT,
  SKIPPED,
  FAILED,
  /** Will never be sent: the enrolment or its branch stopped first. */
  CANCELLED;

  public boolean isDone() {
    return this == SENT || this == SKIPPED || this == FAILED || this == CANCELLED;
  }
}
