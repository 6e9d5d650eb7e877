package io.sequor.domain.mailboxes;

import io.sequor.domain.secrets.SecretException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.springframework.stereotype.Component;

/**
 * Connects and logs in to a mailbox's SMTP server (and IMAP server, when it has one), sends
 * nothing, and says what happened in words that never carry a credential or a server's own message.
 */
@Component
public class MailboxProbe {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  /** What a connection test found. */
  public enum Status {
    OK,
    FAILED
  }

  /**
   * @param reason why it failed: connection refused, authentication failed, TLS failed, timeout,
   *     unknown host, host unreachable, connection failed, or an unreadable stored password; null
   *     when it worked
   */
  public record Outcome(Status status, String reason) {}

  /**
   * @param imap empty when the mailbox has no IMAP server
   */
  public record Report(Outcome smtp, Optional<Outcome> imap) {}

  public Report test(Mailbox mailbox) {
    return new Report(
        probe(mailbox.smtp(), MailSessions.Protocol.SMTP),
        mailbox.imap().map(imap -> probe(imap, MailSessions.Protocol.IMAP)));
  }

  private Outcome probe(MailServer server, MailSessions.Protocol protocol) {
    Session session = Session.getInstance(MailSessions.properties(server, protocol, PROBE_TIMEOUT));
    String name = MailSessions.name(server, protocol);
    try (Service service =
        protocol == MailSessions.Protocol.SMTP
            ? session.getTransport(name)
            : session.getStore(name)) {
      service.connect(
          server.host(),
          server.port(),
          server.logsIn() ? server.username() : null,
          server.password() == null ? null : server.password().reveal());
      return new Outcome(Status.OK, null);
    } catch (MessagingException e) {
      return new Outcome(Status.FAILED, reason(e));
    } catch (SecretException e) {
      return new Outcome(Status.FAILED, "the stored password cannot be read; set it again");
    }
  }

  /** A fixed phrase for the failure: server replies can echo a username, so none is passed on. */
  static String reason(Throwable failure) {
    boolean startTls = false;
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof AuthenticationFailedException) {
        return "authentication failed";
      }
      if (t instanceof SSLException) {
        return "TLS failed";
      }
      if (t instanceof SocketTimeoutException) {
        return "timeout";
      }
      if (t instanceof ConnectException) {
        return t.getMessage() != null && t.getMessage().contains("timed out")
            ? "timeout"
            : "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "host unreachable";
      }
      if (t.getMessage() != null && t.getMessage().contains("STARTTLS")) {
        startTls = true;
      }
    }
    return startTls ? "TLS failed: the server does not offer STARTTLS" : "connection failed";
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }
}
