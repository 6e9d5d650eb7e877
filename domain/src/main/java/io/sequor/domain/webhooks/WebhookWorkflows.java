package io.sequor.domain.webhooks;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.events.EventLog;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.webhooks.WebhookInput;
import io.sequor.workflows.webhooks.WebhookSettings;
import io.sequor.workflows.webhooks.WebhookWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts and wakes the delivery workflow of each subscription. Waking is best effort: a lost signal
 * only delays delivery until the workflow's poll timer.
 */
@Component
public class WebhookWorkflows implements EventLog.DeliveryListener {

  private static final Logger log = LoggerFactory.getLogger(WebhookWorkflows.class);

  private final WorkflowClient temporal;
  private final WebhookSettings settings;

  WebhookWorkflows(WorkflowClient temporal, SequorProperties properties) {
    this.temporal = temporal;
    this.settings = properties.webhooks().settings();
  }

  /** Starts the subscription's workflow unless it runs. */
  public void ensure(UUID subscriptionId) {
    WebhookWorkflow workflow =
        temporal.newWorkflowStub(
            WebhookWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WebhookWorkflow.workflowId(subscriptionId.toString()))
                .setTaskQueue(EnrolmentWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    try {
      WorkflowClient.start(workflow::run, new WebhookInput(subscriptionId.toString(), settings));
    } catch (WorkflowExecutionAlreadyStarted running) {
      log.debug("webhook {} is already being delivered", subscriptionId);
    }
  }

  /** Tells the workflow to look now; starts it if it is not running. */
  public void wake(UUID subscriptionId) {
    try {
      temporal
          .newWorkflowStub(
              WebhookWorkflow.class, WebhookWorkflow.workflowId(subscriptionId.toString()))
          .wake();
    } catch (WorkflowNotFoundException notRunning) {
      try {
        ensure(subscriptionId);
      } catch (RuntimeException e) {
        log.warn("webhook {}: delivery workflow not started ({})", subscriptionId, e.toString());
      }
    } catch (RuntimeException e) {
      log.info(
          "webhook {}: could not wake its delivery ({}); its timer will",
          subscriptionId,
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void delivered(List<UUID> subscriptionIds) {
    subscriptionIds.forEach(this::wake);
  }
}
