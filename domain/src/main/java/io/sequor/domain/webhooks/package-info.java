/**
 * Outbound webhook subscriptions: where a workspace's events are posted, their signing secrets
 * (sealed), the delivery log, and the workflows that deliver.
 */
package io.sequor.domain.webhooks;
