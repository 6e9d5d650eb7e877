package io.sequor.domain.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada@example.com",
        "ada.lovelace@example.com",
        "o'brien@example.co.uk",
        "ada+sequor@mail.example.com",
        "ADA@EXAMPLE.COM",
        "  ada@example.com  ",
        "a_b-c%d@sub-domain.example.io"
      })
  void acceptsWhatMailUses(String address) {
    AddressSyntax.Result result = AddressSyntax.parse(address);
    assertThat(result.problem()).isEmpty();
    assertThat(result.parsed().orElseThrow().domain())
        .isEqualTo(address.strip().substring(address.strip().indexOf('@') + 1).toLowerCase());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|no address given",
        "ada|not an email address",
        "ada@|not an email address",
        "@example.com|not an email address",
        "ada..lovelace@example.com|not an email address: local address contains dot-dot",
        ".ada@example.com|not an email address",
        "ada lovelace@example.com|not an email address",
        "ada@example..com|not an email address",
        "ada@ex_ample.com|not an email address",
        "Ada <ada@example.com>|without a name or angle brackets",
        "<ada@example.com>|without a name or angle brackets",
        "ada@localhost|has no dot",
        "ada@[192.0.2.1]|an IP address",
        "ada@-example.com|not a valid domain name",
        "ada@example-.com|not a valid domain name",
        "ada@example.123|not a valid domain name",
        "ädä@example.com|non-ASCII",
        "a@b.com, c@d.com|not an email address"
      })
  void refusesWhatMailCannotUseAndSaysWhy(String address, String why) {
    AddressSyntax.Result result = AddressSyntax.parse(address);
    assertThat(result.parsed()).isEmpty();
    assertThat(result.problem().orElseThrow().code()).isEqualTo("bad-syntax");
    assertThat(result.problem().orElseThrow().text()).contains(why);
  }

  @Test
  void refusesOverlongParts() {
    assertThat(AddressSyntax.parse("a".repeat(65) + "@example.com").problem())
        .hasValueSatisfying(p -> assertThat(p.text()).contains("64 characters"));
    assertThat(AddressSyntax.parse("a@" + "b".repeat(250) + ".com").problem())
        .hasValueSatisfying(p -> assertThat(p.text()).contains("254 characters"));
    assertThat(AddressSyntax.parse("a@" + "b".repeat(64) + ".com").problem())
        .hasValueSatisfying(p -> assertThat(p.text()).contains("not a valid domain name"));
  }

  @Test
  void aQuotedLocalPartParsesButIsFlaggedAsUnusual() {
    AddressSyntax.Parsed parsed =
        AddressSyntax.parse("\"ada lovelace\"@example.com").parsed().orElseThrow();
    assertThat(parsed.unusual())
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("unusual-syntax"));
  }

  @Test
  void anInternationalisedDomainIsCheckedInItsAsciiForm() {
    assertThat(AddressSyntax.parse("ada@Bücher.example").parsed().orElseThrow().domain())
        .isEqualTo("xn--bcher-kva.example");
  }
}
