package io.sequor.domain.replies;

import io.sequor.domain.mailboxes.MailboxStore;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The mailboxes Sequor reads replies from: every sender mailbox with an IMAP server, disabled ones
 * included, since replies to what they sent still arrive there.
 */
@Component
public class Inboxes {

  private final MailboxStore mailboxes;

  Inboxes(MailboxStore mailboxes) {
    this.mailboxes = mailboxes;
  }

  public List<Inbox> all() {
    return mailboxes.withImap().stream()
        .map(m -> new Inbox(m.id(), m.fromAddress(), m.imap().orElseThrow()))
        .toList();
  }

  public Optional<Inbox> find(String mailboxId) {
    return all().stream().filter(i -> i.mailboxId().equals(mailboxId)).findFirst();
  }
}
