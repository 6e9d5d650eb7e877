package io.sequor.api.dev;

import java.time.Instant;
import java.util.List;

/** The embedded runtime's local mailbox, which receives every email Sequor sends. */
public interface DevMailbox {

  record Mail(
      String messageId, String from, String to, String subject, String text, Instant receivedAt) {}

  List<Mail> messages();
}
