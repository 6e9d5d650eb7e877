package io.sequor.workflows.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One campaign's life: the launch enrols its audience page by page, paced; then the run watches
 * until every enrolment has ended. Pause, resume and cancel act on the launch and on every running
 * enrolment of the campaign.
 */
@WorkflowInterface
public interface CampaignWorkflow {

  /** Its own queue, so a launch is never queued behind the work of the enrolments it starts. */
  String TASK_QUEUE = "sequor-campaigns";

  @WorkflowMethod
  CampaignPhase run(CampaignInput input);

  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  @SignalMethod
  void cancel();

  @QueryMethod
  CampaignPhase phase();
}
