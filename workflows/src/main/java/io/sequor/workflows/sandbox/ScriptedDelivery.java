package io.sequor.workflows.sandbox;

/**
 * One scripted answer, due now.
 *
 * @param eventId the provider event id it is delivered under; a repeat is recorded once
 * @param providerMessageId the send it answers
 */
public record ScriptedDelivery(
    String eventId, String providerMessageId, ScriptedResponse response) {}
