package io.sequor.worker.email;

import java.net.URI;
import java.util.List;

/**
 * A fully rendered email; {@code messageId} is ours and is recorded before the send.
 *
 * @param toName the recipient's name for the To header, or null
 * @param text the text/plain part: values as the prospect gave them
 * @param html the text/html part: the same copy, values HTML-escaped
 * @param references the Message-IDs of the enrolment's earlier emails, first one first; empty for
 *     the first email. The first is also the {@code In-Reply-To}.
 * @param unsubscribeUrl the one-click unsubscribe link (RFC 8058)
 * @param unsubscribeMailto the address of the mail alternative (RFC 2369), without {@code mailto:}
 */
public record OutboundEmail(
    String messageId,
    String from,
    String to,
    String toName,
    String subject,
    String text,
    String html,
    List<String> references,
    URI unsubscribeUrl,
    String unsubscribeMailto) {

  public OutboundEmail {
    references = List.copyOf(references);
  }

  /** The first email of the enrolment, which every later one answers; null for the first. */
  public String inReplyTo() {
    return references.isEmpty() ? null : references.get(0);
  }
}
