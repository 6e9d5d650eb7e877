package io.sequor.app;

import io.sequor.worker.linkedin.CreditBalanceSource;
import io.sequor.worker.linkedin.LinkedInMessage;
import io.sequor.worker.linkedin.LinkedInResult;
import io.sequor.worker.linkedin.provider.ProviderLinkedInGateway;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seats a test sends from through the real HTTP provider gateway, against a {@link
 * FakeLinkedInProvider}; every other seat stays on the sandbox and has no provider figure, so the
 * rest of the suite is unchanged. The gateway is built as the worker builds it with {@code
 * sequor.linkedin.gateway=PROVIDER}, in a small context of its own: the shared context must keep
 * the sandbox.
 */
final class ProviderSeats implements CreditBalanceSource, AutoCloseable {

  private final FakeLinkedInProvider provider;
  private final AnnotationConfigApplicationContext gatewayContext;
  private final ProviderLinkedInGateway gateway;
  private final Set<String> seats = ConcurrentHashMap.newKeySet();

  ProviderSeats() throws IOException {
    provider = new FakeLinkedInProvider();
    gatewayContext = new AnnotationConfigApplicationContext();
    TestPropertyValues.of(
            "sequor.linkedin.gateway=PROVIDER",
            "sequor.linkedin.provider.base-url=" + provider.baseUrl(),
            "sequor.linkedin.provider.api-token=embedded-test-token",
            "sequor.linkedin.provider.account-id=acc-test")
        .applyTo(gatewayContext);
    gatewayContext.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
    gatewayContext.scan(ProviderLinkedInGateway.class.getPackageName());
    gatewayContext.refresh();
    gateway = gatewayContext.getBean(ProviderLinkedInGateway.class);
  }

  FakeLinkedInProvider provider() {
    return provider;
  }

  /** The seat's LinkedIn steps go to the fake provider from now on. */
  void add(String seatId) {
    seats.add(seatId);
  }

  boolean sendsThroughProvider(LinkedInMessage message) {
    return seats.contains(message.seatId());
  }

  LinkedInResult send(LinkedInMessage message) {
    return gateway.send(message);
  }

  @Override
  public Optional<Integer> reportedInMailCredits(String seatId) {
    return seats.contains(seatId) ? gateway.reportedInMailCredits(seatId) : Optional.empty();
  }

  @Override
  public void close() {
    gatewayContext.close();
    provider.close();
  }
}
