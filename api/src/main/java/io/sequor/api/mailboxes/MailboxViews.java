package io.sequor.api.mailboxes;

import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.Mailbox;
import io.sequor.domain.mailboxes.MailboxProbe;
import io.sequor.domain.pacing.MailboxPacing;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** What the API shows of a mailbox: everything but its passwords. */
final class MailboxViews {
  private MailboxViews() {}

  /**
   * @param passwordSet whether a password is stored; the password itself is never returned
   */
  @Schema(name = "MailboxServerView")
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
  @Schema(
      name = "MailboxView",
      example =
          """
          {"id": "sales-ada", "fromAddress": "ada@example.com", "displayName": "Ada Lovelace",
           "smtp": {"host": "smtp.example.com", "port": 587, "username": "ada@example.com",
                    "passwordSet": true, "security": "STARTTLS"},
           "imap": {"host": "imap.example.com", "port": 993, "username": "ada@example.com",
                    "passwordSet": true, "security": "SSL"},
           "pacing": {"dailyCap": 40, "timezone": "Europe/London", "windowStart": "09:00",
                      "windowEnd": "17:00", "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
                      "minGap": "PT2M", "maxGap": "PT6M"},
           "enabled": true, "version": 1, "createdAt": "2026-11-26T09:00:00Z",
           "updatedAt": "2026-11-26T09:00:00Z"}""")
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
  @Schema(
      example =
          """
          {"smtp": {"status": "OK", "reason": null},
           "imap": {"status": "FAILED", "reason": "authentication failed"}}""")
  record TestReport(MailboxProbe.Outcome smtp, MailboxProbe.Outcome imap) {

    static TestReport of(MailboxProbe.Report report) {
      return new TestReport(report.smtp(), report.imap().orElse(null));
    }
  }
}
