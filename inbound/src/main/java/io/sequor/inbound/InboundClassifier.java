package io.sequor.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Set;

/** STUB: replaced by the classifier module's own version. */
public final class InboundClassifier {

  private final Set<String> domains;

  public InboundClassifier(Set<String> ownMessageIdDomains, Set<String> ownAddresses) {
    this.domains = ownMessageIdDomains;
  }

  public Classification classify(MimeMessage message, Instant receivedAt) {
    try {
      String id = message.getMessageID();
      if (id != null && domains.stream().anyMatch(d -> id.endsWith("@" + d + ">"))) {
        return new Classification(Classification.Kind.OWN_MESSAGE, null, null, null, null, "own");
      }
      if (message.getHeader("Auto-Submitted") != null) {
        return new Classification(Classification.Kind.AUTO_REPLY, null, null, null, null, "auto");
      }
      if (message.isMimeType("multipart/report")) {
        return new Classification(
            Classification.Kind.BOUNCE_PERMANENT, null, "5.1.1", null, null, "dsn");
      }
    } catch (MessagingException e) {
      // fall through
    }
    return new Classification(Classification.Kind.REPLY, null, null, null, null, "reply");
  }
}
