package io.sequor.api.mailboxes;

import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.pacing.MailboxPacing;
import io.sequor.domain.secrets.Secret;
import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies for mailboxes. Passwords come in and are never sent back. */
final class MailboxRequests {
  private MailboxRequests() {}

  @Schema(
      name = "MailboxServer",
      description = "An SMTP or IMAP server and the login Sequor uses on it")
  record Server(
      @Schema(example = "smtp.example.com") String host,
      @Schema(example = "587") Integer port,
      @Schema(description = "Leave out (SMTP only) to connect without logging in") String username,
      @Schema(
              description =
                  "Write-only. Stored encrypted and never returned; leave it out on an update to"
                      + " keep the stored one",
              accessMode = Schema.AccessMode.WRITE_ONLY)
          String password,
      @Schema(description = "STARTTLS (587/143), SSL (465/993) or NONE")
          MailServer.Security security) {

    MailServer toServer() {
      return new MailServer(
          host,
          port == null ? 0 : port,
          username,
          password == null ? null : Secret.of(password),
          security);
    }

    @Override
    public String toString() {
      return "Server[" + host + ":" + port + ", " + security + "]";
    }
  }

  @Schema(
      description = "A sender mailbox",
      example =
          """
          {"id": "sales-ada", "fromAddress": "ada@example.com", "displayName": "Ada Lovelace",
           "smtp": {"host": "smtp.example.com", "port": 587, "username": "ada@example.com",
                    "password": "app-password", "security": "STARTTLS"},
           "imap": {"host": "imap.example.com", "port": 993, "username": "ada@example.com",
                    "password": "app-password", "security": "SSL"},
           "pacing": {"dailyCap": 40, "timezone": "Europe/London", "windowStart": "09:00",
                      "windowEnd": "17:00", "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
                      "minGap": "PT2M", "maxGap": "PT6M"}}""")
  record Mailbox(
      @Schema(
              description = "1-64 lowercase letters, digits, '-' or '_'; on create only",
              example = "sales-ada")
          String id,
      @Schema(example = "ada@example.com") String fromAddress,
      @Schema(example = "Ada Lovelace") String displayName,
      Server smtp,
      @Schema(description = "Where replies arrive; leave out for none") Server imap,
      @Schema(description = "Leave out to send each email when due") MailboxPacing pacing) {

    MailboxStore.Draft toDraft() {
      return new MailboxStore.Draft(
          fromAddress,
          displayName,
          smtp == null ? null : smtp.toServer(),
          imap == null ? null : imap.toServer(),
          pacing);
    }
  }
}
