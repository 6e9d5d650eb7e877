package io.sequor.workflows.inbox;

import java.time.Duration;

/**
 * @param mailboxId the mailbox to read
 * @param interval the wait after a poll that found mail
 * @param maxInterval waits after empty polls double up to this
 */
public record PollerInput(String mailboxId, Duration interval, Duration maxInterval) {}
