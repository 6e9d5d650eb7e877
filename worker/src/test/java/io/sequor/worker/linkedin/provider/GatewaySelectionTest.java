package io.sequor.worker.linkedin.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.worker.linkedin.CreditBalanceSource;
import io.sequor.worker.linkedin.LinkedInGateway;
import io.sequor.worker.linkedin.SandboxLinkedInGateway;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sequor.linkedin.gateway} decides which single LinkedIn gateway the worker gets, and
 * whether there is a provider's credit figure to compare the ledger with.
 */
class GatewaySelectionTest {

  private final ApplicationContextRunner worker =
      new ApplicationContextRunner()
          .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
          .withBean(SequorClock.class, () -> Instant::now)
          .withBean(WorkflowClient.class, () -> mock(WorkflowClient.class))
          .withUserConfiguration(ProviderGatewayConfiguration.class, SandboxLinkedInGateway.class);

  @Test
  void theProviderReplacesTheSandboxWhenSelected() {
    worker
        .withPropertyValues(
            "sequor.linkedin.gateway=provider",
            "sequor.linkedin.provider.base-url=https://provider.example",
            "sequor.linkedin.provider.api-token=secret-token",
            "sequor.linkedin.provider.account-id=acc-1")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(LinkedInGateway.class)
                    .hasSingleBean(ProviderLinkedInGateway.class)
                    .hasSingleBean(CreditBalanceSource.class)
                    .doesNotHaveBean(SandboxLinkedInGateway.class));
  }

  @Test
  void theSandboxStaysAndNoProviderSettingIsNeededOtherwise() {
    for (String gateway : new String[] {"SANDBOX", "MANUAL"}) {
      worker
          .withUserConfiguration(SequorSettings.class)
          .withPropertyValues(
              "sequor.linkedin.gateway=" + gateway,
              "sequor.mail.unsubscribe-secret=a-test-secret-of-at-least-32-characters")
          .run(
              context ->
                  assertThat(context)
                      .as(gateway)
                      .hasNotFailed()
                      .hasSingleBean(SandboxLinkedInGateway.class)
                      .doesNotHaveBean(ProviderLinkedInGateway.class)
                      .doesNotHaveBean(CreditBalanceSource.class)
                      .doesNotHaveBean(LinkedInProviderProperties.class));
    }
  }

  @Test
  void startUpFailsNamingTheMissingProviderSetting() {
    worker
        .withPropertyValues(
            "sequor.linkedin.gateway=PROVIDER",
            "sequor.linkedin.provider.api-token=secret-token",
            "sequor.linkedin.provider.account-id=acc-1")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sequor.linkedin.provider")
                    .hasMessageContaining("baseUrl"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SequorProperties.class)
  static class SequorSettings {}
}
