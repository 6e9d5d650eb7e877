package io.sequor.workflows.inbox;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface InboxActivities {

  /**
   * Reads the mailbox's messages past its checkpoint, up to a batch, turning each into responses
   * and moving the checkpoint past it. A repeat after a crash reads each message at most once.
   */
  PollResult poll(String mailboxId);
}
