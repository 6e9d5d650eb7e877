package io.sequor.domain.config;

import io.sequor.domain.secrets.SecretsProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Wires the store and domain services; imported by every Sequor process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SequorProperties.class, SecretsProperties.class})
@ComponentScan("io.sequor.domain")
public class DomainConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SequorClock sequorClock() {
    Clock clock = Clock.systemUTC();
    return clock::instant;
  }
}
