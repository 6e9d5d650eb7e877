package io.sequor.workflows.enrolment;

/** What became of a send. Failures retrying cannot fix come back here instead of as errors. */
public enum SendOutcome {
  SENT,
  /** A rep now has a task to send the step by hand. */
  TASK_CREATED,
  /** Nothing sent: the enrolment had a stopping response, or the prospect is suppressed. */
  SKIPPED,
  OUT_OF_CREDITS,
  RECIPIENT_BLOCKS_INMAIL,
  INVALID_ADDRESS,
  FAILED,
  /** Nothing sent: the seat is backing off after a restriction; book a new slot and try again. */
  DEFERRED
}
