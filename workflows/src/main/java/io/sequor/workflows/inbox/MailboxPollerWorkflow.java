package io.sequor.workflows.inbox;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Reads one mailbox for as long as it exists. Workflow id: {@code mailbox-<mailbox id>}. */
@WorkflowInterface
public interface MailboxPollerWorkflow {

  static String workflowId(String mailboxId) {
    return "mailbox-" + mailboxId;
  }

  @WorkflowMethod
  void run(PollerInput input);

  /** New mail is waiting (an IMAP IDLE notice): poll now rather than at the next timer. */
  @SignalMethod
  void mailArrived();
}
