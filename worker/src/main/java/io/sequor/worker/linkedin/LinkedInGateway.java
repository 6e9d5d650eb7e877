package io.sequor.worker.linkedin;

/**
 * Reaches LinkedIn for one seat. Implementations must treat the idempotency key as a dedupe key.
 */
public interface LinkedInGateway {

  /** Whether the member accepts free Open Profile InMail. */
  boolean hasOpenProfile(String profileUrl);

  LinkedInResult send(LinkedInMessage message);

  /**
   * Withdraws a pending connection request. True when withdrawn; false when none was pending (the
   * person accepted or declined meanwhile, or it was withdrawn before). Throws when the gateway
   * could not tell; the caller retries.
   *
   * @param invitationId the id the gateway gave the invitation when it was sent, if any
   */
  boolean withdrawInvitation(String seatId, String profileUrl, String invitationId);
}
