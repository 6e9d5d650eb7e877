package io.sequor.domain.replies;

/**
 * A mailbox Sequor reads replies from.
 *
 * @param mailboxId the sender mailbox it belongs to
 * @param address the mailbox's own address: mail from it is our own
 * @param ssl IMAPS from the first byte; otherwise plain IMAP, upgraded with STARTTLS when offered
 */
public record Inbox(
    String mailboxId,
    String address,
    String host,
    int port,
    String username,
    String password,
    boolean ssl) {

  @Override
  public String toString() {
    return "Inbox[" + mailboxId + " at " + host + ":" + port + "]";
  }
}
