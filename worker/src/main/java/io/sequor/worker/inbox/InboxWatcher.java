package io.sequor.worker.inbox;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.replies.Inbox;
import io.sequor.domain.replies.Inboxes;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.inbox.MailboxPollerWorkflow;
import io.sequor.workflows.inbox.PollerInput;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure every inbox has its poller workflow running, and, where the server supports IMAP IDLE,
 * holds one IDLE connection per inbox whose only job is to wake that poller when mail arrives. The
 * poller does the reading; if an IDLE connection drops, the poller's timer still reads the mailbox.
 */
@Component
class InboxWatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);
  private static final Duration RECONNECT = Duration.ofSeconds(5);

  private final Inboxes inboxes;
  private final WorkflowClient temporal;
  private final SequorProperties.Inbound settings;
  private final List<Thread> idlers = new CopyOnWriteArrayList<>();
  private final List<Store> open = new CopyOnWriteArrayList<>();
  private volatile boolean running;

  InboxWatcher(Inboxes inboxes, WorkflowClient temporal, SequorProperties properties) {
    this.inboxes = inboxes;
    this.temporal = temporal;
    this.settings = properties.inbound();
  }

  @EventListener(ApplicationReadyEvent.class)
  void startPollers() {
    for (Inbox inbox : inboxes.all()) {
      MailboxPollerWorkflow poller =
          temporal.newWorkflowStub(
              MailboxPollerWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(MailboxPollerWorkflow.workflowId(inbox.mailboxId()))
                  .setTaskQueue(EnrolmentWorkflow.TASK_QUEUE)
                  .setWorkflowIdConflictPolicy(
                      WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                  .build());
      try {
        WorkflowClient.start(
            poller::run,
            new PollerInput(
                inbox.mailboxId(), settings.pollInterval(), settings.maxPollInterval()));
        log.info("reading mailbox {} for replies", inbox.mailboxId());
      } catch (WorkflowExecutionAlreadyStarted running) {
        log.debug("mailbox {} is already being read", inbox.mailboxId());
      }
      if (settings.idle()) {
        Thread idler = new Thread(() -> idle(inbox), "imap-idle-" + inbox.mailboxId());
        idler.setDaemon(true);
        idlers.add(idler);
        idler.start();
      }
    }
  }

  /** Holds IDLE on the inbox and signals its poller on new mail, reconnecting after failures. */
  private void idle(Inbox inbox) {
    while (running) {
      try (Store store = ImapSessions.connect(inbox)) {
        open.add(store);
        if (store instanceof IMAPStore imap && !imap.hasCapability("IDLE")) {
          log.info("mailbox {}: the server has no IDLE; polling only", inbox.mailboxId());
          return;
        }
        IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
        folder.open(Folder.READ_ONLY);
        folder.addMessageCountListener(
            new MessageCountAdapter() {
              @Override
              public void messagesAdded(MessageCountEvent e) {
                wake(inbox);
              }
            });
        wake(inbox); // mail may have come while this connection was down
        while (running && folder.isOpen()) {
          folder.idle();
        }
      } catch (MessagingException | IllegalStateException e) {
        if (running) {
          log.info(
              "mailbox {}: IDLE connection lost ({}); again in {}",
              inbox.mailboxId(),
              e.getClass().getSimpleName(),
              RECONNECT);
          sleep(RECONNECT);
        }
      } finally {
        open.removeIf(s -> !s.isConnected());
      }
    }
  }

  private void wake(Inbox inbox) {
    try {
      temporal
          .newWorkflowStub(
              MailboxPollerWorkflow.class, MailboxPollerWorkflow.workflowId(inbox.mailboxId()))
          .mailArrived();
    } catch (RuntimeException e) {
      log.info(
          "mailbox {}: could not wake its poller ({}); its timer will read the mail",
          inbox.mailboxId(),
          e.getClass().getSimpleName());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    for (Store store : open) {
      try {
        store.close();
      } catch (MessagingException ignored) {
        // closing anyway
      }
    }
    idlers.forEach(Thread::interrupt);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
