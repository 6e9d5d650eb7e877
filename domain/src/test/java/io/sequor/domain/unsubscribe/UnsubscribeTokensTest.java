package io.sequor.domain.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.config.TestProperties;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

  private static final String SECRET = "a-test-secret-of-at-least-32-characters";

  private static UnsubscribeTokens tokens(String secret) {
    return new UnsubscribeTokens(
        TestProperties.bind(
            Map.of(
                "mail.unsubscribe-secret", secret, "public-url", "https://sequor.example.com/")));
  }

  private final UnsubscribeTokens tokens = tokens(SECRET);
  private final UUID enrolment = UUID.randomUUID();

  @Test
  void aTokenNamesItsEnrolmentAndVerifiesForItsAddressWhateverTheCase() {
    String token = tokens.token(enrolment, "ada@example.com");
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(tokens.enrolmentOf(token)).contains(enrolment);
    assertThat(tokens.verify(token, enrolment, "Ada@Example.com")).isTrue();
  }

  @Test
  void theLinksPointAtThePublicUrlAndTheSendersDomainWithAMailtoShortEnoughForSmtp() {
    UnsubscribeTokens.Links links =
        tokens.links(enrolment, "ada@example.com", "outreach@mail.sequor.example.com");
    String token = tokens.token(enrolment, "ada@example.com");
    assertThat(links.https()).hasToString("https://sequor.example.com/u/" + token);
    assertThat(links.mailto()).isEqualTo("unsubscribe+" + token + "@mail.sequor.example.com");
    assertThat(links.mailto().substring(0, links.mailto().indexOf('@')))
        .as("RFC 5321 allows 64 characters before the @")
        .hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void aTokenForAnotherAddressAnotherEnrolmentOrAnotherSecretDoesNotVerify() {
    String token = tokens.token(enrolment, "ada@example.com");
    assertThat(tokens.verify(token, enrolment, "eve@example.com")).isFalse();
    assertThat(tokens.verify(token, UUID.randomUUID(), "ada@example.com")).isFalse();
    assertThat(tokens(SECRET + "-rotated").verify(token, enrolment, "ada@example.com")).isFalse();
  }

  @Test
  void anAlteredOrMalformedTokenDoesNotVerify() {
    String token = tokens.token(enrolment, "ada@example.com");
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      String altered = token.substring(0, i) + (c == 'x' ? 'y' : 'x') + token.substring(i + 1);
      assertThat(tokens.verify(altered, enrolment, "ada@example.com"))
          .as("character %d altered", i)
          .isFalse();
    }
    for (String malformed : new String[] {"", "short", token + "A", token.replace('A', '+')}) {
      if (!malformed.equals(token)) {
        assertThat(tokens.verify(malformed, enrolment, "ada@example.com")).isFalse();
      }
    }
    assertThat(tokens.enrolmentOf("not a token")).isEmpty();
  }

  @Test
  void withoutASecretNothingIsSigned() {
    assertThatThrownBy(() -> tokens(""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SEQUOR_UNSUBSCRIBE_SECRET");
  }
}
