package io.sequor.domain.mailboxes;

import java.time.Duration;
import java.util.Properties;

/**
 * The Jakarta Mail settings for one server, shared by the worker's sender and the connection test
 * so both connect the same way. Certificates are checked against the JVM's trust store, host name
 * included; there is no switch to skip that.
 */
public final class MailSessions {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private MailSessions() {}

  /** The protocols a mailbox speaks. */
  public enum Protocol {
    SMTP,
    IMAP
  }

  /** Jakarta Mail's name for the protocol over this server's security: smtp, smtps, imap, imaps. */
  public static String name(MailServer server, Protocol protocol) {
    String base = protocol == Protocol.SMTP ? "smtp" : "imap";
    return server.security() == MailServer.Security.SSL ? base + "s" : base;
  }

  public static Properties properties(MailServer server, Protocol protocol, Duration readTimeout) {
    String name = name(server, protocol);
    String at = "mail." + name + ".";
    Properties props = new Properties();
    props.setProperty(
        protocol == Protocol.SMTP ? "mail.transport.protocol" : "mail.store.protocol", name);
    props.setProperty(at + "host", server.host());
    props.setProperty(at + "port", Integer.toString(server.port()));
    props.setProperty(at + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    props.setProperty(at + "timeout", Long.toString(readTimeout.toMillis()));
    if (protocol == Protocol.SMTP) {
      props.setProperty(at + "writetimeout", Long.toString(readTimeout.toMillis()));
      props.setProperty(at + "auth", Boolean.toString(server.logsIn()));
    }
    switch (server.security()) {
      case STARTTLS -> {
        props.setProperty(at + "starttls.enable", "true");
        props.setProperty(at + "starttls.required", "true");
        props.setProperty(at + "ssl.checkserveridentity", "true");
      }
      case SSL -> {
        props.setProperty(at + "ssl.enable", "true");
        props.setProperty(at + "ssl.checkserveridentity", "true");
      }
      case NONE -> props.setProperty(at + "starttls.enable", "false");
    }
    return props;
  }
}
