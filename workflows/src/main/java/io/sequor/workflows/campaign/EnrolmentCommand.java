package io.sequor.workflows.campaign;

/** What a campaign tells each of its running enrolments. */
public enum EnrolmentCommand {
  PAUSE,
  RESUME,
  STOP
}
