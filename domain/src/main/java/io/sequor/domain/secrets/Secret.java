package io.sequor.domain.secrets;

import java.util.function.Supplier;

/**
 * A credential held in memory. It prints as {@code ****}, has no getter a JSON mapper would find,
 * and a stored one is decrypted only when {@link #reveal()} is called, at the moment of use.
 */
public final class Secret {

  private final Supplier<String> value;

  private Secret(Supplier<String> value) {
    this.value = value;
  }

  /** A secret given in clear, for example by an API request, not yet stored. */
  public static Secret of(String plain) {
    return new Secret(() -> plain);
  }

  /** A stored secret, opened on demand. */
  public static Secret sealed(String sealed, SecretBox box, String context) {
    return new Secret(() -> box.open(sealed, context));
  }

  /**
   * The secret in clear, for the one call that needs it; never log it.
   *
   * @throws SecretException when a stored secret cannot be opened
   */
  public String reveal() {
    return value.get();
  }

  @Override
  public String toString() {
    return "****";
  }
}
