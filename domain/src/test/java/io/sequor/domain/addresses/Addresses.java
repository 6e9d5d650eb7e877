package io.sequor.domain.addresses;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds the verifier the way the application does, from property names. */
final class Addresses {

  private Addresses() {}

  /** Properties named without the {@code sequor.addresses.} prefix, e.g. {@code timeout}. */
  static AddressProperties properties(Map<String, String> values) {
    Map<String, String> prefixed = new HashMap<>();
    values.forEach((name, value) -> prefixed.put("sequor.addresses." + name, value));
    return new Binder(new MapConfigurationPropertySource(prefixed))
        .bindOrCreate("sequor.addresses", AddressProperties.class);
  }

  static AddressVerifier verifier(Map<String, String> values) {
    AddressProperties properties = properties(values);
    return new AddressVerifier(
        new AddressLists(properties), new MailDomains(properties), properties);
  }

  /** A verifier asking the test server, with a short timeout. */
  static AddressVerifier verifier(TestDnsServer dns, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put("resolver", dns.address());
    values.putIfAbsent("timeout", "PT0.5S");
    return verifier(values);
  }
}
