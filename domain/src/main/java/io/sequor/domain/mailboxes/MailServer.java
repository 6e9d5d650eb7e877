package io.sequor.domain.mailboxes;

import io.sequor.domain.secrets.Secret;

/**
 * How to reach and log in to an SMTP or IMAP server.
 *
 * @param username empty or null: connect without logging in (SMTP only)
 * @param password null when there is none; revealed only at the moment of use
 */
public record MailServer(
    String host, int port, String username, Secret password, Security security) {

  /** How the connection is protected. */
  public enum Security {
    /** Plain connection upgraded with STARTTLS, which is required (port 587 or 143). */
    STARTTLS,
    /** TLS from the first byte (port 465 for SMTP, 993 for IMAP). */
    SSL,
    /** No TLS: only for a relay on a trusted network or a local test server. */
    NONE
  }

  public boolean logsIn() {
    return username != null && !username.isBlank();
  }

  public MailServer withPassword(Secret newPassword) {
    return new MailServer(host, port, username, newPassword, security);
  }
}
