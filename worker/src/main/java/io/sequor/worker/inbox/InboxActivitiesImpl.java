package io.sequor.worker.inbox;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.replies.InboundEmailIntake;
import io.sequor.domain.replies.InboundEmailStore;
import io.sequor.domain.replies.Inbox;
import io.sequor.domain.replies.Inboxes;
import io.sequor.workflows.inbox.InboxActivities;
import io.sequor.workflows.inbox.PollResult;
import io.temporal.activity.Activity;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a mailbox's INBOX, read-only, from its checkpoint: every message with a UID past the last
 * one read goes to the intake, and the checkpoint moves past it only after the intake has recorded
 * it. A crash between the two reads the message again next time, and the intake recognises it by
 * its Message-ID: each message is acted on once.
 */
@Component("inboxActivities")
public class InboxActivitiesImpl implements InboxActivities {

  private static final Logger log = LoggerFactory.getLogger(InboxActivitiesImpl.class);

  private final Inboxes inboxes;
  private final InboundEmailIntake intake;
  private final InboundEmailStore store;
  private final SequorProperties.Inbound settings;
  private final SequorClock clock;

  InboxActivitiesImpl(
      Inboxes inboxes,
      InboundEmailIntake intake,
      InboundEmailStore store,
      SequorProperties properties,
      SequorClock clock) {
    this.inboxes = inboxes;
    this.intake = intake;
    this.store = store;
    this.settings = properties.inbound();
    this.clock = clock;
  }

  @Override
  public PollResult poll(String mailboxId) {
    Optional<Inbox> inbox = inboxes.find(mailboxId);
    if (inbox.isEmpty()) {
      log.info("mailbox {} has no IMAP account any more; nothing to read", mailboxId);
      return new PollResult(0, false);
    }
    return poll(inbox.get(), settings.batchSize(), Activity::getExecutionContext);
  }

  /** Reads up to {@code batch} messages; public so tests can read a mailbox directly. */
  public PollResult poll(Inbox inbox, int batch) {
    return poll(inbox, batch, null);
  }

  /**
   * The mail server stamps arrival on the wall clock; Sequor's engine clock can run ahead of it in
   * the embedded runtime once the dev clock has moved. Shifted by the current difference, an
   * arrival keeps its place relative to the sends it answers.
   */
  private Instant engineTime(java.util.Date receivedDate) {
    Instant now = clock.now();
    if (receivedDate == null) {
      return now;
    }
    Instant shifted = receivedDate.toInstant().plus(java.time.Duration.between(Instant.now(), now));
    return shifted.isAfter(now) ? now : shifted;
  }

  private PollResult poll(
      Inbox inbox,
      int batch,
      java.util.function.Supplier<io.temporal.activity.ActivityExecutionContext> activity) {
    try (Store imap = ImapSessions.connect(inbox)) {
      Folder folder = imap.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      try {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        long next =
            store
                .checkpoint(inbox.mailboxId())
                .filter(c -> c.uidValidity() == validity)
                .map(c -> c.lastUid() + 1)
                .orElse(1L);
        Message[] candidates = uids.getMessagesByUID(next, UIDFolder.MAXUID);
        int read = 0;
        for (Message candidate : candidates) {
          long uid = uids.getUID(candidate);
          if (uid < next) {
            continue; // "n:*" answers the last message even when its UID is below n
          }
          if (read == batch) {
            return new PollResult(read, true);
          }
          Instant received = engineTime(candidate.getReceivedDate());
          // A detached copy: the intake reads it after this folder may have closed.
          MimeMessage copy = new MimeMessage((MimeMessage) candidate);
          intake.receive(
              copy,
              "IMAP",
              inbox.mailboxId(),
              received,
              "imap:" + inbox.mailboxId() + ":" + validity + ":" + uid);
          store.advance(inbox.mailboxId(), validity, uid, clock.now());
          read++;
          if (activity != null) {
            activity.get().heartbeat(uid);
          }
        }
        return new PollResult(read, false);
      } finally {
        folder.close(false);
      }
    } catch (MessagingException e) {
      // The cause's message can name the account; keep to the exception's type.
      throw new IllegalStateException(
          "could not read mailbox " + inbox.mailboxId() + ": " + e.getClass().getSimpleName());
    }
  }
}
