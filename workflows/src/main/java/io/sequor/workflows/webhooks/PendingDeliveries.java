package io.sequor.workflows.webhooks;

import java.util.List;

/**
 * What a subscription has to deliver now.
 *
 * @param exists false once the subscription is deleted: the workflow ends
 * @param enabled false while disabled: nothing is delivered until it is enabled again
 * @param deliveryIds the next deliveries, oldest first
 */
public record PendingDeliveries(boolean exists, boolean enabled, List<Long> deliveryIds) {}
