package io.sequor.workflows.webhooks;

/** A subscription's delivery workflow input. */
public record WebhookInput(String subscriptionId, WebhookSettings settings) {}
