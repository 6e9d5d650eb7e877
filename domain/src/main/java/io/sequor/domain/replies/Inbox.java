package io.sequor.domain.replies;

import io.sequor.domain.mailboxes.MailServer;

/**
 * A mailbox Sequor reads replies from.
 *
 * @param mailboxId the sender mailbox it belongs to
 * @param address the mailbox's own address: mail from it is our own
 * @param imap its IMAP server and login
 */
public record Inbox(String mailboxId, String address, MailServer imap) {

  @Override
  public String toString() {
    return "Inbox[" + mailboxId + "]";
  }
}
