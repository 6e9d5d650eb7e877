package io.sequor.workflows.inbox;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Polls, then waits: {@code interval} after a poll that read mail, twice the last wait after an
 * empty one, up to {@code maxInterval}. A {@link #mailArrived} signal ends the wait at once. The
 * history is renewed (continue-as-new) every {@value #POLLS_PER_RUN} polls.
 */
public class MailboxPollerWorkflowImpl implements MailboxPollerWorkflow {

  static final int POLLS_PER_RUN = 200;

  private final InboxActivities inbox =
      Workflow.newActivityStub(
          InboxActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setHeartbeatTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(10))
                      .setMaximumInterval(Duration.ofMinutes(10))
                      .build())
              .build());

  private boolean woken;

  @Override
  public void run(PollerInput input) {
    Duration wait = input.interval();
    for (int poll = 0; poll < POLLS_PER_RUN; poll++) {
      woken = false;
      PollResult result = inbox.poll(input.mailboxId());
      if (result.more()) {
        continue;
      }
      wait = result.read() > 0 ? input.interval() : longer(wait, input.maxInterval());
      Workflow.await(wait, () -> woken);
    }
    Workflow.continueAsNew(input);
  }

  @Override
  public void mailArrived() {
    woken = true;
  }

  private static Duration longer(Duration wait, Duration max) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(max) > 0 ? max : doubled;
  }
}
