package io.sequor.worker.email;

/** Hands an email to a mail server. */
public interface EmailGateway {

  /**
   * Returns once the server accepted the message.
   *
   * @throws EmailRejectedException when the server did not take it; {@link
   *     EmailRejectedException#permanent()} tells whether retrying can help
   */
  void send(OutboundEmail email);
}
