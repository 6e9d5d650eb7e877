package io.sequor.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The signing scheme, checked against the worked example in docs/linkedin-provider.md. */
class WebhookSignatureTest {

  private static final String SECRET = "example-webhook-secret-change-me";
  private static final String TIMESTAMP = "1767258000";
  private static final byte[] BODY =
      ("{\"id\":\"evt_01\",\"type\":\"message.received\",\"occurred_at\":\"2026-01-01T08:59:30Z\","
              + "\"related\":{\"message_id\":\"msg_42\",\"chat_id\":\"chat_9\"},"
              + "\"text\":\"Tuesday works.\"}")
          .getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE =
      "sha256=994ca62b13bd04e31a27dc80ca6ac088059a3391218c89c83b7b6eb70fe910bc";

  private static WebhookSignature at(Instant now) {
    return new WebhookSignature(
        SECRET, "test.secret", Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static final WebhookSignature SIGNED_MOMENTS_AGO =
      at(Instant.ofEpochSecond(1767258000L + 30));

  @Test
  void acceptsTheDocumentedExample() {
    assertThatCode(() -> SIGNED_MOMENTS_AGO.verify(TIMESTAMP, SIGNATURE, BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsUpperCaseHex() {
    String upper = "sha256=" + SIGNATURE.substring("sha256=".length()).toUpperCase();

    assertThatCode(() -> SIGNED_MOMENTS_AGO.verify(TIMESTAMP, upper, BODY))
        .doesNotThrowAnyException();
  }

  @Nested
  class Refuses {

    @Test
    void aChangedBody() {
      byte[] changed =
          new String(BODY, StandardCharsets.UTF_8)
              .replace("Tuesday", "Monday")
              .getBytes(StandardCharsets.UTF_8);

      assertRefused(() -> SIGNED_MOMENTS_AGO.verify(TIMESTAMP, SIGNATURE, changed), "not match");
    }

    @Test
    void aTimestampOtherThanTheSignedOne() {
      assertRefused(
          () -> SIGNED_MOMENTS_AGO.verify("1767258001", SIGNATURE, BODY), "does not match");
    }

    @Test
    void aSignatureMadeWithAnotherSecret() {
      WebhookSignature other =
          new WebhookSignature(
              "another-secret-of-some-length",
              "test.secret",
              Duration.ofMinutes(5),
              Clock.fixed(Instant.ofEpochSecond(1767258030L), ZoneOffset.UTC));

      assertRefused(() -> other.verify(TIMESTAMP, SIGNATURE, BODY), "does not match");
    }

    @Test
    void aDeliveryOlderThanTheMaximumAge() {
      WebhookSignature sixMinutesLater = at(Instant.ofEpochSecond(1767258000L + 6 * 60));

      assertRefused(() -> sixMinutesLater.verify(TIMESTAMP, SIGNATURE, BODY), "PT5M");
    }

    @Test
    void aTimestampTooFarInTheFuture() {
      WebhookSignature sixMinutesEarlier = at(Instant.ofEpochSecond(1767258000L - 6 * 60));

      assertRefused(() -> sixMinutesEarlier.verify(TIMESTAMP, SIGNATURE, BODY), "PT5M");
    }

    @Test
    void missingHeaders() {
      assertRefused(() -> SIGNED_MOMENTS_AGO.verify(null, SIGNATURE, BODY), "Timestamp");
      assertRefused(() -> SIGNED_MOMENTS_AGO.verify(TIMESTAMP, " ", BODY), "Signature");
    }

    @Test
    void malformedHeaders() {
      assertRefused(() -> SIGNED_MOMENTS_AGO.verify("yesterday", SIGNATURE, BODY), "Unix time");
      assertRefused(
          () -> SIGNED_MOMENTS_AGO.verify(TIMESTAMP, SIGNATURE.substring(7), BODY), "not match");
      assertRefused(
          () -> SIGNED_MOMENTS_AGO.verify(TIMESTAMP, "sha256=not-hex", BODY), "not match");
    }

    @Test
    void everythingWhenNoSecretIsSetAsUnavailableSoTheProviderRetries() {
      WebhookSignature off =
          new WebhookSignature("", "test.secret", Duration.ofMinutes(5), Clock.systemUTC());

      assertThatThrownBy(() -> off.verify(TIMESTAMP, SIGNATURE, BODY))
          .isInstanceOfSatisfying(
              WebhookRejectedException.class,
              e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    private void assertRefused(Runnable verify, String why) {
      assertThatThrownBy(verify::run)
          .isInstanceOfSatisfying(
              WebhookRejectedException.class,
              e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED))
          .hasMessageContaining(why);
    }
  }
}
