package io.sequor.domain.replies;

import io.sequor.domain.config.SequorProperties;
import io.sequor.inbound.InboundClassifier;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

  /** The default mailbox's IMAP account from {@code sequor.inbound.imap}, when set. */
  @Bean
  @ConditionalOnMissingBean(Inboxes.class)
  Inboxes configuredInboxes(SequorProperties properties) {
    SequorProperties.Inbound.Imap imap = properties.inbound().imap();
    List<Inbox> inboxes =
        imap == null
            ? List.of()
            : List.of(
                new Inbox(
                    "default",
                    properties.mail().from(),
                    imap.host(),
                    imap.port(),
                    imap.username(),
                    imap.password(),
                    imap.ssl()));
    return () -> inboxes;
  }

  /** Our own Message-ID domain and every address we send from or read: mail from them is ours. */
  @Bean
  InboundClassifier inboundClassifier(SequorProperties properties, Inboxes inboxes) {
    Set<String> own =
        Stream.concat(
                Stream.of(properties.mail().from()), inboxes.all().stream().map(Inbox::address))
            .map(a -> a.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    return new InboundClassifier(Set.of(properties.mail().messageIdDomain()), own);
  }
}
