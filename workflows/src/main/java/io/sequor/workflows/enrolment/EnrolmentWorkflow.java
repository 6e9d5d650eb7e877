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

  /**
   * Moves the enrolment to another version of its sequence: steps not reached yet are replaced by
   * the new version's, steps already sent (or being sent) keep their key and are never sent again,
   * and a new step whose day has passed is skipped.
   */
  @SignalMethod
  void migrate(VersionMigration migration);

  @QueryMethod
  EnrolmentState state();
}
