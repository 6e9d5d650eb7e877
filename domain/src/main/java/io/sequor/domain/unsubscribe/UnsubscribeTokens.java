package io.sequor.domain.unsubscribe;

import io.sequor.domain.config.SequorProperties;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs and checks unsubscribe tokens. A token is the enrolment id followed by an HMAC-SHA256 over
 * the enrolment id and the recipient's address, keyed with {@code sequor.mail.unsubscribe-secret}
 * and cut to its first 128 bits, all base64url without padding: 43 characters, short enough for the
 * local part of a {@code mailto:} address. Nobody without the secret can make one, and checking one
 * compares the MACs in constant time.
 */
@Component
public class UnsubscribeTokens {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final int TOKEN_BYTES = 16 + MAC_BYTES;

  private final SecretKeySpec key;
  private final String publicUrl;

  UnsubscribeTokens(SequorProperties properties) {
    String secret = properties.mail().unsubscribeSecret();
    // Validation refuses to start without a secret; a context built without validation fails here.
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "sequor.mail.unsubscribe-secret (SEQUOR_UNSUBSCRIBE_SECRET) is not set");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
  }

  /**
   * Where a recipient unsubscribes.
   *
   * @param https the one-click URL ({@code POST}) and confirmation page ({@code GET})
   * @param mailto the address of RFC 2369's mail alternative, without the {@code mailto:} scheme
   */
  public record Links(URI https, String mailto) {}

  /** The links for one recipient of one enrolment; the mail goes to the sender's domain. */
  public Links links(UUID enrolmentId, String address, String senderAddress) {
    String token = token(enrolmentId, address);
    String domain = senderAddress.substring(senderAddress.lastIndexOf('@') + 1);
    return new Links(URI.create(publicUrl + "/u/" + token), "unsubscribe+" + token + "@" + domain);
  }

  public String token(UUID enrolmentId, String address) {
    ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES);
    token.putLong(enrolmentId.getMostSignificantBits());
    token.putLong(enrolmentId.getLeastSignificantBits());
    token.put(mac(enrolmentId, address));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  /** The enrolment a well-formed token names; genuine only if {@link #verify} says so. */
  public Optional<UUID> enrolmentOf(String token) {
    return decode(token)
        .map(bytes -> ByteBuffer.wrap(bytes))
        .map(b -> new UUID(b.getLong(), b.getLong()));
  }

  /** Whether the token was made by this secret for this enrolment and address. */
  public boolean verify(String token, UUID enrolmentId, String address) {
    Optional<byte[]> bytes = decode(token);
    if (bytes.isEmpty() || address == null) {
      return false;
    }
    byte[] given = Arrays.copyOfRange(bytes.get(), 16, TOKEN_BYTES);
    return enrolmentOf(token).filter(enrolmentId::equals).isPresent()
        & MessageDigest.isEqual(mac(enrolmentId, address), given);
  }

  private static Optional<byte[]> decode(String token) {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // One spelling per token: the decoder would also take other values of the unused last bits.
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)
        ? Optional.of(bytes)
        : Optional.empty();
  }

  private byte[] mac(UUID enrolmentId, String address) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] message =
          (enrolmentId + "\n" + address.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
      return Arrays.copyOf(mac.doFinal(message), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
