package io.sequor.workflows.webhooks;

import java.time.Duration;

/**
 * How deliveries retry and when they give up, snapshotted into each run of a subscription's
 * workflow.
 *
 * @param initialInterval wait before the second attempt
 * @param backoffCoefficient each further wait is this many times the one before
 * @param maxInterval waits never grow past this
 * @param maxAttempts attempts per event before giving up; 0 for no limit by count
 * @param giveUpAfter time from an event's first attempt after which it gives up
 * @param requestTimeout how long one HTTP request may take
 * @param pollInterval how often the workflow looks for new events when no signal wakes it
 * @param batchSize events read per look
 */
public record WebhookSettings(
    Duration initialInterval,
    double backoffCoefficient,
    Duration maxInterval,
    int maxAttempts,
    Duration giveUpAfter,
    Duration requestTimeout,
    Duration pollInterval,
    int batchSize) {}
