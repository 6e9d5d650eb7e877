package io.sequor.api.linkedin;

import io.sequor.api.webhooks.WebhookSignature;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinkedInWebhookProperties.class)
class LinkedInWebhookConfiguration {

  /**
   * On the wall clock, not the engine's: the provider signs with real time, and the embedded
   * runtime's dev clock may have been moved days ahead.
   */
  @Bean
  WebhookSignature linkedInWebhookSignature(LinkedInWebhookProperties properties) {
    return new WebhookSignature(
        properties.webhookSecret(),
        "sequor.linkedin.provider.webhook-secret",
        properties.webhookMaxAge(),
        Clock.systemUTC());
  }
}
