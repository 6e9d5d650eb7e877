package io.sequor.app.roles;

import io.sequor.domain.config.DomainConfiguration;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.sequences.CanonicalPlay;
import io.sequor.domain.sequences.SequenceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** Start-up data: the default LinkedIn seat, and the example sequence where asked for. */
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
