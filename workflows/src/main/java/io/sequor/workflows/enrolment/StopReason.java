package io.sequor.workflows.enrolment;

/** Why an enrolment stopped before its last step. */
public enum StopReason {
  REPLIED,
  INMAIL_ACCEPTED,
  INMAIL_DECLINED,
  UNSUBSCRIBED,
  STOPPED_BY_USER,
  /**
   * Set by the store, never by a workflow: the embedded runtime restarted and its in-memory
   * Temporal server no longer has the workflow.
   */
  LOST_ON_RESTART,
  /** Another person at the same company replied, in a campaign that stops the company on reply. */
  COMPANY_REPLIED,
  /** The enrolment's campaign was cancelled. */
  CAMPAIGN_CANCELLED,
  /** A meeting with the prospect was booked: the sequence has done its job. */
  MEETING_BOOKED
}
