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
 * ends any wait at once; the poll timer covers a lost signal, and spaces out (doubling up to
 * {@value #IDLE_GROWTH} poll intervals) while nothing comes. The history is renewed
 * (continue-as-new) every {@value #ROUNDS_PER_RUN} rounds.
 */
public class WebhookWorkflowImpl implements WebhookWorkflow {

  static final int ROUNDS_PER_RUN = 500;

  /** Polls with nothing found space out, doubling up to this many poll intervals. */
  static final int IDLE_GROWTH = 60;

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
    Duration idle = settings.pollInterval();
    Duration maxIdle = settings.pollInterval().multipliedBy(IDLE_GROWTH);
    for (int round = 0; round < ROUNDS_PER_RUN; round++) {
      woken = false;
      PendingDeliveries pending = store.nextDeliveries(id, settings.batchSize());
      if (!pending.exists()) {
        return;
      }
      if (!pending.enabled() || pending.deliveryIds().isEmpty()) {
        Workflow.await(idle, () -> woken);
        // Quiet subscriptions look less often; a signal still wakes them at once.
        idle = woken ? settings.pollInterval() : min(idle.multipliedBy(2), maxIdle);
        continue;
      }
      idle = settings.pollInterval();
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void wake() {
    woken = true;
  }
}
