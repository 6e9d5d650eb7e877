package io.sequor.workflows.campaign;

import io.temporal.activity.ActivityInterface;

/** The store and enrolment work a campaign run asks for. Every method is safe to retry. */
@ActivityInterface
public interface CampaignActivities {

  /**
   * Freezes the audience (a saved filter is resolved now) and marks the campaign launching.
   * Repeating it changes nothing.
   */
  void prepareLaunch(String campaignId);

  /**
   * Enrols or skips, with its reason, each prospect of the next page after {@code cursor}. A
   * prospect already decided keeps its decision; an enrolment stored but not yet started is
   * started.
   */
  PageResult enrolPage(String campaignId, String cursor, int pageSize);

  /**
   * Tells the campaign's running enrolments after {@code cursor} (an enrolment id), a page at a
   * time.
   *
   * @return the cursor of the next page; null when none is left
   */
  String command(String campaignId, EnrolmentCommand command, String cursor, int pageSize);

  void recordPhase(String campaignId, CampaignPhase phase);

  /** How many of the campaign's enrolments are still running. */
  long runningEnrolments(String campaignId);
}
