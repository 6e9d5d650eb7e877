package io.sequor.workflows.inbox;

/**
 * @param read messages read in this poll
 * @param more whether the mailbox holds more unread messages than the batch took
 */
public record PollResult(int read, boolean more) {}
