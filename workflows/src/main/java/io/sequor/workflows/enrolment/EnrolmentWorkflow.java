package io.sequor.workflows.enrolment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One prospect going through one sequence version. */
@WorkflowInterface
public interface EnrolmentWorkflow {

  String TASK_QUEUE = "sequor-enrolments";

  @WorkflowMethod
  EnrolmentState run(EnrolmentInput input);

  @SignalMethod
  void respond(Response response);

  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  @SignalMethod
  void stop();

  /**
   * Stops the enrolment for a reason outside it: its campaign was cancelled, or its company
   * replied.
   */
  @SignalMethod
  void stopBecause(StopReason reason);

  /** A rep finished (or failed) the manual task for a step; the outcome is in the store. */
  @SignalMethod
  void taskCompleted(String stepKey);

  @QueryMethod
  EnrolmentState state();
}
