package io.sequor.domain.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings an operator may get wrong are refused at start-up, naming the setting. */
class AddressPropertiesTest {

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private static Set<ConstraintViolation<AddressProperties>> violations(
      Map<String, String> values) {
    return VALIDATOR.validate(Addresses.properties(values));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "127.0.0.1", "127.0.0.1:5353", "dns.internal:53", "[::1]:53"})
  void acceptsAResolverAsHostOrHostAndPort(String resolver) {
    assertThat(violations(Map.of("resolver", resolver))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "resolver|dns server!|host or host:port",
        "resolver|127.0.0.1:port|host or host:port",
        "timeout|PT0S|timeout must be more than zero",
        "cache-max-ttl|-PT1S|must not be negative",
        "cache-size|0|must be greater than or equal to 1"
      })
  void refusesWhatCannotWork(String property, String value, String message) {
    assertThat(violations(Map.of(property, value)))
        .extracting(ConstraintViolation::getMessage)
        .anySatisfy(m -> assertThat(m).contains(message));
  }
}
