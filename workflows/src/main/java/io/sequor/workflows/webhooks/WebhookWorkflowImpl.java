package io.sequor.workflows.webhooks;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Reads the subscription's pending deliveries, oldest first, and delivers them one at a time, so a
 * receiver gets its events in order. A failing delivery is retried by Temporal with the configured
 * backoff; when it gives up (by time or attempts) the subscription is disabled and the workflow
 * waits for it to be enabled, then starts again from that same delivery. A {@link #wake} signal
 * ends any wait at once; the poll timer covers a lost signal. The history is renewed
 * (continue-as-new) every {@value #ROUNDS_PER_RUN} rounds.
 */
public class WebhookWorkflowImpl implements WebhookWorkflow {

  static final int ROUNDS_PER_RUN = 500;

  private boolean woken;

  @Override
  public void run(WebhookInput input) {
    WebhookSettings settings = input.settings();
    WebhookActivities store =
        Workflow.newActivityStub(
            WebhookActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .build())
                .build());
    WebhookActivities http =
        Workflow.newActivityStub(
            WebhookActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(settings.requestTimeout().plusSeconds(30))
                .setScheduleToCloseTimeout(settings.giveUpAfter())
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(settings.initialInterval())
                        .setBackoffCoefficient(settings.backoffCoefficient())
                        .setMaximumInterval(settings.maxInterval())
                        .setMaximumAttempts(settings.maxAttempts())
                        .build())
                .build());
    String id = input.subscriptionId();
    for (int round = 0; round < ROUNDS_PER_RUN; round++) {
      woken = false;
      PendingDeliveries pending = store.nextDeliveries(id, settings.batchSize());
      if (!pending.exists()) {
        return;
      }
      if (!pending.enabled() || pending.deliveryIds().isEmpty()) {
        Workflow.await(settings.pollInterval(), () -> woken);
        continue;
      }
      for (long delivery : pending.deliveryIds()) {
        try {
          http.deliverEvent(delivery);
        } catch (ActivityFailure gaveUp) {
          store.giveUpSubscription(id, delivery);
          break;
        }
      }
    }
    Workflow.continueAsNew(input);
  }

  @Override
  public void wake() {
    woken = true;
  }
}
