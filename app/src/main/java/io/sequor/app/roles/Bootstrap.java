package io.sequor.app.roles;

import io.sequor.domain.config.DomainConfiguration;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.secrets.Secret;
import io.sequor.domain.secrets.SecretBox;
import io.sequor.domain.sequences.CanonicalPlay;
import io.sequor.domain.sequences.SequenceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up data: the default LinkedIn seat, the default mailbox, and the example sequence where
 * asked for.
 */
@Configuration(proxyBeanMethods = false)
@Import(DomainConfiguration.class)
class Bootstrap {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  @Bean
  ApplicationRunner defaultSeat(CreditLedger ledger, SequorProperties properties) {
    return args -> {
      ledger.ensureSeat(
          properties.linkedin().defaultSeat(), properties.linkedin().defaultSeatPlan());
    };
  }

  /**
   * Checks the stored mailbox passwords against the configured keys (no key, or the wrong one,
   * stops the start), then creates the default mailbox if it is missing.
   */
  @Bean
  ApplicationRunner defaultMailbox(
      MailboxStore mailboxes,
      SecretBox secrets,
      SequorProperties properties,
      Environment env,
      ObjectProvider<DefaultMailbox> configured) {
    return args -> {
      mailboxes.checkSecrets();
      DefaultMailbox mailbox = configured.getIfAvailable(() -> fromSpringMail(properties, env));
      if (mailbox.draft().smtp().password() != null
          && !secrets.hasKey()
          && (mailbox.followsConfiguration()
              || mailboxes.find(MailboxStore.DEFAULT_ID).isEmpty())) {
        throw new IllegalStateException(
            "spring.mail.password (SEQUOR_SMTP_PASSWORD) is set, and the default mailbox keeps it"
                + " encrypted: set SEQUOR_SECRETS_KEY (base64 of 32 random bytes, for example from"
                + " 'openssl rand -base64 32')");
      }
      mailboxes.ensure(MailboxStore.DEFAULT_ID, mailbox.draft(), mailbox.followsConfiguration());
    };
  }

  /** The mail server Sequor used before mailboxes, as the default mailbox. */
  private static DefaultMailbox fromSpringMail(SequorProperties properties, Environment env) {
    String username = env.getProperty("spring.mail.username");
    String password = env.getProperty("spring.mail.password");
    boolean logsIn = username != null && !username.isBlank();
    MailServer.Security security =
        "smtps".equalsIgnoreCase(env.getProperty("spring.mail.protocol"))
            ? MailServer.Security.SSL
            : env.getProperty(
                    "spring.mail.properties.mail.smtp.starttls.enable", Boolean.class, false)
                ? MailServer.Security.STARTTLS
                : MailServer.Security.NONE;
    MailServer smtp =
        new MailServer(
            env.getProperty("spring.mail.host", "localhost"),
            env.getProperty("spring.mail.port", Integer.class, 25),
            logsIn ? username : null,
            logsIn && password != null && !password.isEmpty() ? Secret.of(password) : null,
            security);
    return new DefaultMailbox(
        new MailboxStore.Draft(properties.mail().from(), null, smtp, null, null), false);
  }

  @Bean
  @ConditionalOnBooleanProperty("sequor.load-example-sequence")
  ApplicationRunner exampleSequence(SequenceCatalog catalog, JsonMapper json) {
    return (ApplicationArguments args) -> {
      CanonicalPlay.Definition play = CanonicalPlay.load(json);
      if (catalog.byName(play.name()).isEmpty()) {
        try {
          catalog.create(CanonicalPlay.ID, play.name(), play.steps());
        } catch (ConflictException createdByAnotherProcess) {
          log.debug("example sequence was created by another process");
        }
      }
      log.info("example sequence '{}' is {}", play.name(), catalog.byName(play.name()).get().id());
    };
  }
}
