package io.sequor.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The smallest workflow there is, used only to time a bare start. No worker polls its task queue:
 * starting a workflow needs only the server, and the runs simply stay open until the JVM exits.
 */
@WorkflowInterface
public interface IdleWorkflow {

  String TASK_QUEUE = "sequor-bench-idle";

  @WorkflowMethod
  void idle();
}
