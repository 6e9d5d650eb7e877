package io.sequor.workflows.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the poller reads its mailbox, on a time-skipping test server. */
class MailboxPollerWorkflowTest {

  TestWorkflowEnvironment env;
  final List<Instant> polls = new CopyOnWriteArrayList<>();
  final Deque<PollResult> answers = new ArrayDeque<>();
  MailboxPollerWorkflow poller;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("inbox");
    worker.registerWorkflowImplementationTypes(MailboxPollerWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        (InboxActivities)
            mailboxId -> {
              polls.add(Instant.ofEpochMilli(env.currentTimeMillis()));
              synchronized (answers) {
                return answers.isEmpty() ? new PollResult(0, false) : answers.poll();
              }
            });
    env.start();
    poller =
        env.getWorkflowClient()
            .newWorkflowStub(
                MailboxPollerWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(MailboxPollerWorkflow.workflowId("m1"))
                    .setTaskQueue("inbox")
                    .build());
    WorkflowClient.start(
        poller::run, new PollerInput("m1", Duration.ofSeconds(30), Duration.ofMinutes(4)));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private List<Long> gapsInSeconds() {
    List<Long> gaps = new java.util.ArrayList<>();
    for (int i = 1; i < polls.size(); i++) {
      gaps.add(Duration.between(polls.get(i - 1), polls.get(i)).toSeconds());
    }
    return gaps;
  }

  @Test
  void emptyPollsSpaceOutUpToTheMaximum() {
    env.sleep(Duration.ofMinutes(15));
    assertThat(gapsInSeconds()).startsWith(60L, 120L, 240L, 240L);
  }

  @Test
  void aPollThatFindsMailComesBackSoonAndAFullBatchAtOnce() {
    synchronized (answers) {
      answers.add(new PollResult(0, false)); // gap 60
      answers.add(new PollResult(200, true)); // at once
      answers.add(new PollResult(3, false)); // gap 30
    }
    env.sleep(Duration.ofMinutes(3));
    assertThat(gapsInSeconds()).startsWith(60L, 0L, 30L, 60L);
  }

  @Test
  void newMailWakesThePollerBeforeItsTimer() {
    env.sleep(Duration.ofMinutes(4)); // polls at 0, 60, 180: now waiting until 420
    int before = polls.size();
    poller.mailArrived();
    env.sleep(Duration.ofSeconds(1));
    assertThat(polls).hasSize(before + 1);
    assertThat(Duration.between(polls.get(0), polls.get(before)).toSeconds()).isLessThan(250);
  }
}
