package io.sequor.domain.replies;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.mailboxes.Mailbox;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.inbound.InboundClassifier;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The classifier as it stands: it knows our Message-ID domain and every address we send from, so
 * mail from them is ours. Rebuilt when the mailboxes change.
 */
@Component
class Classifiers {

  private record Built(Set<String> own, InboundClassifier classifier) {}

  private final SequorProperties properties;
  private final MailboxStore mailboxes;
  private volatile Built built;

  Classifiers(SequorProperties properties, MailboxStore mailboxes) {
    this.properties = properties;
    this.mailboxes = mailboxes;
  }

  InboundClassifier current() {
    Set<String> own =
        Stream.concat(
                Stream.of(properties.mail().from()),
                mailboxes.list().stream().map(Mailbox::fromAddress))
            .map(a -> a.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    Built now = built;
    if (now == null || !now.own().equals(own)) {
      now = new Built(own, new InboundClassifier(Set.of(properties.mail().messageIdDomain()), own));
      built = now;
    }
    return now.classifier();
  }
}
