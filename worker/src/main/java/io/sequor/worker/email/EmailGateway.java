package io.sequor.worker.email;

import io.sequor.domain.mailboxes.Mailbox;

/** Hands an email to a mail server. */
public interface EmailGateway {

  /**
   * Returns once the mailbox's SMTP server accepted the message.
   *
   * @throws EmailRejectedException when the server did not take it; {@link
   *     EmailRejectedException#permanent()} tells whether retrying can help
   */
  void send(Mailbox from, OutboundEmail email);
}
