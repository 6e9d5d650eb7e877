package io.sequor.worker.inbox;

import io.sequor.domain.replies.Inbox;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;

/** Opens an authenticated IMAP connection to an inbox, with timeouts. */
final class ImapSessions {

  private static final String TIMEOUT_MILLIS = "15000";

  private ImapSessions() {}

  static Store connect(Inbox inbox) throws MessagingException {
    String protocol = inbox.ssl() ? "imaps" : "imap";
    Properties props = new Properties();
    String prefix = "mail." + protocol + ".";
    props.put(prefix + "host", inbox.host());
    props.put(prefix + "port", String.valueOf(inbox.port()));
    props.put(prefix + "connectiontimeout", TIMEOUT_MILLIS);
    props.put(prefix + "timeout", TIMEOUT_MILLIS);
    props.put(prefix + "writetimeout", TIMEOUT_MILLIS);
    if (!inbox.ssl()) {
      props.put(prefix + "starttls.enable", "true");
    }
    Store store = Session.getInstance(props).getStore(protocol);
    store.connect(inbox.host(), inbox.port(), inbox.username(), inbox.password());
    return store;
  }
}
