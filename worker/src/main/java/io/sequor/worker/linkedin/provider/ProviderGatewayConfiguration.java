package io.sequor.worker.linkedin.provider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the provider adapter, and binds its settings, only when it is the chosen gateway: a
 * sandbox or manual deployment must start without a provider URL or token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sequor.linkedin.gateway", havingValue = "PROVIDER")
@EnableConfigurationProperties(LinkedInProviderProperties.class)
class ProviderGatewayConfiguration {

  @Bean
  ProviderLinkedInGateway providerLinkedInGateway(
      LinkedInProviderProperties settings, JsonMapper json) {
    return new ProviderLinkedInGateway(settings, json);
  }
}
