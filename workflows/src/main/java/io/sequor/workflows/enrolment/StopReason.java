package io.sequor.workflows.enrolment;

/** Why an enrolment stopped before its last step. */
public enum StopReason {
  REPLIED,
  INMAIL_ACCEPTED,
  INMAIL_DECLINED,
  UNSUBSCRIBED,
  STOPPED_BY_USER
}
