package io.sequor.domain.secrets;

/**
 * A secret could not be sealed or opened: no key is configured, the value was sealed under a key
 * Sequor does not have, or it was altered. The message never contains the secret.
 */
public class SecretException extends RuntimeException {
  public SecretException(String message) {
    super(message);
  }
}
