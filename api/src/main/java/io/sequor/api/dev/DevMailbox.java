package io.sequor.api.dev;

import java.time.Instant;
import java.util.List;

/** The embedded runtime's local mailbox, which receives every email Sequor sends. */
public interface DevMailbox {

  /**
   * One received email.
   *
   * @param text its text/plain part
   * @param html its text/html part
   * @param inReplyTo the {@code In-Reply-To} header: the enrolment's first email, on follow-ups
   * @param references the {@code References} header, unfolded
   * @param listUnsubscribe the {@code List-Unsubscribe} header: the one-click link and a mailto
   */
  record Mail(
      String messageId,
      String from,
      String to,
      String subject,
      String text,
      Instant receivedAt,
      String html,
      String inReplyTo,
      String references,
      String listUnsubscribe) {}

  List<Mail> messages();
}
