package io.sequor.workflows.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a subscription's workflow delivers, retries and gives up, on a time-skipping server. */
class WebhookWorkflowTest {

  static final WebhookSettings SETTINGS =
      new WebhookSettings(
          Duration.ofSeconds(10),
          2.0,
          Duration.ofMinutes(5),
          0,
          Duration.ofHours(1),
          Duration.ofSeconds(10),
          Duration.ofMinutes(1),
          100);

  /** The store and receiver, in memory. */
  class Subscription implements WebhookActivities {
    final List<Long> pending = new CopyOnWriteArrayList<>();
    final List<Long> delivered = new CopyOnWriteArrayList<>();
    final List<Instant> attempts = new CopyOnWriteArrayList<>();
    final List<Long> gaveUp = new CopyOnWriteArrayList<>();
    volatile boolean enabled = true;
    volatile boolean receiverUp = true;

    @Override
    public PendingDeliveries nextDeliveries(String subscriptionId, int limit) {
      return new PendingDeliveries(true, enabled, enabled ? new ArrayList<>(pending) : List.of());
    }

    @Override
    public void deliverEvent(long deliveryId) {
      attempts.add(Instant.ofEpochMilli(env.currentTimeMillis()));
      if (!receiverUp) {
        throw ApplicationFailure.newFailure("HTTP 503", "WebhookNotDelivered");
      }
      pending.remove(deliveryId);
      delivered.add(deliveryId);
    }

    @Override
    public void giveUpSubscription(String subscriptionId, long deliveryId) {
      gaveUp.add(deliveryId);
      enabled = false;
    }
  }

  TestWorkflowEnvironment env;
  final Subscription subscription = new Subscription();
  WebhookWorkflow workflow;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("hooks");
    worker.registerWorkflowImplementationTypes(WebhookWorkflowImpl.class);
    worker.registerActivitiesImplementations(subscription);
    env.start();
  }

  private void run() {
    workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                WebhookWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WebhookWorkflow.workflowId("s1"))
                    .setTaskQueue("hooks")
                    .build());
    WorkflowClient.start(workflow::run, new WebhookInput("s1", SETTINGS));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void retriesWithBackoffWhileTheReceiverIsDownThenDeliversEverythingInOrder() {
    subscription.receiverUp = false;
    subscription.pending.addAll(List.of(1L, 2L, 3L));
    run();
    env.sleep(Duration.ofSeconds(75));
    subscription.receiverUp = true;
    env.sleep(Duration.ofMinutes(2));

    assertThat(subscription.delivered).containsExactly(1L, 2L, 3L);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < 5; i++) {
      gaps.add(
          Duration.between(subscription.attempts.get(i - 1), subscription.attempts.get(i))
              .toSeconds());
    }
    assertThat(gaps).as("10 s, then doubling").containsExactly(10L, 20L, 40L, 80L);
    assertThat(subscription.gaveUp).isEmpty();
  }

  @Test
  void givesUpAfterTheConfiguredTimeThenWaitsDisabledUntilWokenAndResumesWithTheSameEvent() {
    subscription.receiverUp = false;
    subscription.pending.addAll(List.of(7L, 8L));
    run();
    env.sleep(Duration.ofMinutes(70));
    assertThat(subscription.gaveUp).containsExactly(7L);
    int attemptsWhenDisabled = subscription.attempts.size();

    env.sleep(Duration.ofHours(5));
    assertThat(subscription.attempts).as("nothing while disabled").hasSize(attemptsWhenDisabled);

    subscription.receiverUp = true;
    subscription.enabled = true;
    workflow.wake();
    env.sleep(Duration.ofSeconds(5));
    assertThat(subscription.delivered).containsExactly(7L, 8L);
  }

  @Test
  void anEventWhoseSignalWasLostIsDeliveredAtTheNextPoll() {
    run();
    env.sleep(Duration.ofSeconds(5));
    subscription.pending.add(42L);
    env.sleep(Duration.ofSeconds(30));
    assertThat(subscription.delivered).isEmpty();
    env.sleep(Duration.ofSeconds(40));
    assertThat(subscription.delivered).containsExactly(42L);
  }
}
