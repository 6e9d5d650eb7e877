package io.sequor.workflows.campaign;

/** Where a campaign stands. */
public enum CampaignPhase {
  /** Created, not launched. */
  DRAFT,
  /** Enrolling its audience, page by page. */
  LAUNCHING,
  /** Paused as a whole: no new enrolments and its enrolments paused. */
  PAUSED,
  /** Every prospect of the audience was enrolled or skipped; its enrolments run. */
  LAUNCHED,
  /** Launched, and every enrolment of it has ended. */
  COMPLETED,
  /** Cancelled as a whole: the launch stopped and its enrolments were stopped. */
  CANCELLED;

  public boolean isFinal() {
    return this == COMPLETED || this == CANCELLED;
  }
}
