package io.sequor.worker.linkedin.provider;

/**
 * The provider did not give a usable answer (5xx, timeout, connection refused). Retryable: the
 * activity gives back any credit, releases its claim and lets Temporal try again, and the
 * idempotency key lets the provider drop a repeat of a send that did go out. The message names only
 * the status or the kind of I/O failure, never a URL, because the profile lookup carries the
 * recipient's profile URL in its query.
 */
public final class ProviderUnavailableException extends RuntimeException {

  ProviderUnavailableException(String message) {
    super(message);
  }
}
