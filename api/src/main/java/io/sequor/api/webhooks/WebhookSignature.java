package io.sequor.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves a delivery came from the sender holding the shared secret and is fresh. The sender sends
 * {@code X-Sequor-Timestamp: <Unix seconds>} and {@code X-Sequor-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of {@code <timestamp>.<raw body>} keyed with the shared secret. Signing the timestamp
 * with the body is what makes the freshness check binding: an old delivery replayed with a new
 * timestamp no longer matches its signature.
 */
public final class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "X-Sequor-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Sequor-Signature";
  private static final String SCHEME = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final String secretProperty;
  private final Duration maxAge;
  private final Clock clock;

  /**
   * @param secretProperty the setting that holds the secret, named when it is missing
   */
  public WebhookSignature(String secret, String secretProperty, Duration maxAge, Clock clock) {
    this.secretProperty = secretProperty;
    this.key =
        secret == null || secret.isEmpty()
            ? null
            : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * Returns normally only for a fresh event signed with the secret; otherwise throws {@link
   * WebhookRejectedException} saying what is wrong, never what was expected.
   */
  public void verify(String timestamp, String signature, byte[] body) {
    if (key == null) {
      throw WebhookRejectedException.notConfigured(secretProperty);
    }
    if (timestamp == null || timestamp.isBlank()) {
      throw WebhookRejectedException.badSignature("the " + TIMESTAMP_HEADER + " header is missing");
    }
    if (signature == null || signature.isBlank()) {
      throw WebhookRejectedException.badSignature("the " + SIGNATURE_HEADER + " header is missing");
    }
    Instant signedAt;
    try {
      signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
    } catch (NumberFormatException | DateTimeException e) {
      throw WebhookRejectedException.badSignature(
          TIMESTAMP_HEADER + " must be a Unix time in seconds");
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(maxAge) > 0) {
      throw WebhookRejectedException.badSignature(
          TIMESTAMP_HEADER + " is more than " + maxAge + " from now; sign each delivery afresh");
    }
    byte[] given = hex(signature.trim());
    // MessageDigest.isEqual takes the same time wherever the first difference is.
    if (given == null || !MessageDigest.isEqual(mac(timestamp, body), given)) {
      throw WebhookRejectedException.badSignature("the signature does not match the body");
    }
  }

  private static byte[] hex(String signature) {
    if (!signature.startsWith(SCHEME)) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(signature.substring(SCHEME.length()));
    } catch (IllegalArgumentException notHex) {
      return null;
    }
  }

  private byte[] mac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
