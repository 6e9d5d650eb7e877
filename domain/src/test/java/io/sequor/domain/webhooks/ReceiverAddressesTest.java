package io.sequor.domain.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which receivers a webhook may reach when private addresses are not allowed. */
class ReceiverAddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "localhost",
        "10.1.2.3",
        "172.20.0.5",
        "192.168.1.10",
        "169.254.169.254",
        "100.100.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "[::1]",
        "::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:10.0.0.1"
      })
  void internalAddressesAreRefusedNamingTheAddress(String host) {
    assertThat(ReceiverAddresses.forbidden(host))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("private or internal address")
                    .contains("sequor.webhooks.allow-private-addresses"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.128.0.1", "2606:4700::1111"})
  void publicAddressesPass(String host) {
    assertThat(ReceiverAddresses.forbidden(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-host.invalid"})
  void aHostThatDoesNotResolveIsLeftToTheDeliveryWhichChecksAgain(String host) {
    assertThat(ReceiverAddresses.forbidden(host)).isEmpty();
  }
}
