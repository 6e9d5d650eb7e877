package io.sequor.domain.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals short secrets (mailbox passwords) with AES-256-GCM from the JDK: a fresh random 96-bit
 * nonce per value and a 128-bit tag, so a changed byte is detected rather than decrypted into
 * garbage. The caller's context (for example {@code mailbox:sales-ada:smtp}) is bound in as
 * associated data, so a sealed value copied to another row or field does not open there.
 *
 * <p>A sealed value reads {@code gcm1:<key id>:<base64 of nonce, ciphertext and tag>}. The key id
 * is the first 8 hex digits of the key's SHA-256, so keys can rotate: values sealed under a key
 * listed in {@code sequor.secrets.previous-keys} still open, and {@link #isCurrent} tells which to
 * re-seal.
 */
@Component
public class SecretBox {

  private static final String SCHEME = "gcm1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  private final String currentId;
  private final Map<String, SecretKey> keys = new LinkedHashMap<>();

  public SecretBox(SecretsProperties properties) {
    Optional<SecretKey> current = parse(properties.key(), "sequor.secrets.key");
    this.currentId = current.map(SecretBox::idOf).orElse(null);
    current.ifPresent(k -> keys.put(idOf(k), k));
    List<String> previous =
        properties.previousKeys() == null ? List.of() : properties.previousKeys();
    for (int i = 0; i < previous.size(); i++) {
      parse(previous.get(i), "sequor.secrets.previous-keys[" + i + "]")
          .ifPresent(k -> keys.putIfAbsent(idOf(k), k));
    }
  }

  /** A new random key, base64-encoded as {@code sequor.secrets.key} expects it. */
  public static String newKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Whether a key is configured, so secrets can be sealed. */
  public boolean hasKey() {
    return currentId != null;
  }

  /** The id of the key new values are sealed under. */
  public Optional<String> currentKeyId() {
    return Optional.ofNullable(currentId);
  }

  public String seal(String plaintext, String context) {
    if (currentId == null) {
      throw new SecretException(
          "no secrets key is configured (SEQUOR_SECRETS_KEY), so Sequor cannot store a secret");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce, context);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return SCHEME + ":" + currentId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  public String open(String sealed, String context) {
    String[] parts = split(sealed);
    SecretKey key = keys.get(parts[1]);
    if (key == null) {
      throw new SecretException(
          "a secret was sealed under key "
              + parts[1]
              + ", which is neither sequor.secrets.key nor one of sequor.secrets.previous-keys");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new SecretException("a sealed secret is damaged: its body is not base64");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretException("a sealed secret is damaged: it is too short");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, context);
      byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretException(
          "a sealed secret failed its integrity check: it was altered or belongs elsewhere");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** The key id a sealed value names. */
  public String keyIdOf(String sealed) {
    return split(sealed)[1];
  }

  /** Whether this box holds the key a sealed value needs. */
  public boolean canOpen(String sealed) {
    return keys.containsKey(keyIdOf(sealed));
  }

  /** Whether a sealed value is under the current key; false means it should be re-sealed. */
  public boolean isCurrent(String sealed) {
    return currentId != null && currentId.equals(keyIdOf(sealed));
  }

  /** Every configured key id, current first. */
  public List<String> keyIds() {
    return new ArrayList<>(keys.keySet());
  }

  private static String[] split(String sealed) {
    String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
    if (parts.length != 3 || !SCHEME.equals(parts[0])) {
      throw new SecretException("a stored secret is not in the sealed form Sequor writes");
    }
    return parts;
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String context)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static Optional<SecretKey> parse(String encoded, String property) {
    if (encoded == null || encoded.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          property + " is not base64; make one with: openssl rand -base64 32");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException(
          property
              + " must be base64 of exactly 32 bytes (AES-256), not "
              + bytes.length
              + "; make one with: openssl rand -base64 32");
    }
    return Optional.of(new SecretKeySpec(bytes, "AES"));
  }

  private static String idOf(SecretKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
