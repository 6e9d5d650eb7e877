package io.sequor.workflows.webhooks;

import io.temporal.activity.ActivityInterface;

/** The store and HTTP side of webhook delivery. */
@ActivityInterface
public interface WebhookActivities {

  PendingDeliveries nextDeliveries(String subscriptionId, int limit);

  /**
   * Posts one signed event and records the attempt in the delivery log. Fails, to be retried, on
   * anything but a 2xx answer. Does nothing for a delivery that is done or gone.
   */
  void deliverEvent(long deliveryId);

  /** Disables the subscription with the reason the delivery gave up. */
  void giveUpSubscription(String subscriptionId, long deliveryId);
}
