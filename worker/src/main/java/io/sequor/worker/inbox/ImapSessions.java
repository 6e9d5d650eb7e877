package io.sequor.worker.inbox;

import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailSessions;
import io.sequor.domain.replies.Inbox;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** Opens an authenticated IMAP connection to an inbox, with the mailbox's security and timeouts. */
final class ImapSessions {

  private ImapSessions() {}

  static Store connect(Inbox inbox) throws MessagingException {
    MailServer imap = inbox.imap();
    Session session =
        Session.getInstance(
            MailSessions.properties(imap, MailSessions.Protocol.IMAP, MailSessions.READ_TIMEOUT));
    Store store = session.getStore(MailSessions.name(imap, MailSessions.Protocol.IMAP));
    store.connect(
        imap.host(),
        imap.port(),
        imap.username(),
        imap.password() == null ? null : imap.password().reveal());
    return store;
  }
}
