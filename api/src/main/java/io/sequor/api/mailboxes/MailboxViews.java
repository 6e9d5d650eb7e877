package io.sequor.api.mailboxes;

import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.Mailbox;
import io.sequor.domain.mailboxes.MailboxProbe;
import io.sequor.domain.pacing.MailboxPacing;
import java.time.Instant;

/** What the API shows of a mailbox: everything but its passwords. */
final class MailboxViews {
  private MailboxViews() {}

  /**
   * @param passwordSet whether a password is stored; the password itself is never returned
   */
  record Server(
      String host, int port, String username, boolean passwordSet, MailServer.Security security) {

    static Server of(MailServer server) {
      return new Server(
          server.host(),
          server.port(),
          server.username(),
          server.password() != null,
          server.security());
    }
  }

  /**
   * @param version grows with every change of settings
   */
  record View(
      String id,
      String fromAddress,
      String displayName,
      Server smtp,
      Server imap,
      MailboxPacing pacing,
      boolean enabled,
      int version,
      Instant createdAt,
      Instant updatedAt) {

    static View of(Mailbox m) {
      return new View(
          m.id(),
          m.fromAddress(),
          m.displayName(),
          Server.of(m.smtp()),
          m.imap().map(Server::of).orElse(null),
          m.pacing().orElse(null),
          m.enabled(),
          m.version(),
          m.createdAt(),
          m.updatedAt());
    }
  }

  /**
   * @param imap null when the mailbox has no IMAP server
   */
  record TestReport(MailboxProbe.Outcome smtp, MailboxProbe.Outcome imap) {

    static TestReport of(MailboxProbe.Report report) {
      return new TestReport(report.smtp(), report.imap().orElse(null));
    }
  }
}
