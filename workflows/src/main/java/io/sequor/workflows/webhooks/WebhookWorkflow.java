package io.sequor.workflows.webhooks;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one subscription's events for as long as it exists. Workflow id: {@code
 * webhook-<subscription id>}.
 */
@WorkflowInterface
public interface WebhookWorkflow {

  static String workflowId(String subscriptionId) {
    return "webhook-" + subscriptionId;
  }

  @WorkflowMethod
  void run(WebhookInput input);

  /**
   * Something changed: new events, the subscription enabled, replayed or deleted. Look now rather
   * than at the next timer.
   */
  @SignalMethod
  void wake();
}
