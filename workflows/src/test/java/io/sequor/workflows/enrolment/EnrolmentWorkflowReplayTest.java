package io.sequor.workflows.enrolment;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded histories against today's workflow code: a change that would break running
 * enrolments fails here. Put such changes behind {@code Workflow.getVersion}.
 */
class EnrolmentWorkflowReplayTest {

  @Test
  void anEnrolmentThatPausedForAnOutOfOfficeThenGotAReplyStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/ooo-then-reply.json", EnrolmentWorkflowImpl.class);
  }

  @Test
  void anEnrolmentWhoseInMailWentOutAsEmailForWantOfCreditStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/no-credit-email-then-reply.json", EnrolmentWorkflowImpl.class);
  }

  @Test
  void anEnrolmentWhoseEmailWaitedForItsMailboxSlotStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/mailbox-paced-email-then-reply.json", EnrolmentWorkflowImpl.class);
  }

  @Test
  void aScheduledEnrolmentThatPausedThenGotAReplyStillReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/scheduled-pause-then-reply.json", EnrolmentWorkflowImpl.class);
  }
}
