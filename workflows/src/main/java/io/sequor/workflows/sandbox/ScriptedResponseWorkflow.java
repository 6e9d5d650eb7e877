package io.sequor.workflows.sandbox;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Plays back the sandbox's scripted answers to one send, each after its delay. */
@WorkflowInterface
public interface ScriptedResponseWorkflow {

  @WorkflowMethod
  void run(ScriptedResponses input);
}
