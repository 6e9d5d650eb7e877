package io.sequor.worker.linkedin;

/**
 * Reaches LinkedIn for one seat. Implementations must treat the idempotency key as a dedupe key.
 */
public interface LinkedInGateway {

  /** Whether the member accepts free Open Profile InMail. */
  boolean hasOpenProfile(String profileUrl);

  LinkedInResult send(LinkedInMessage message);
}
