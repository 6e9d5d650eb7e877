package io.sequor.api.dev;

import io.sequor.workflows.enrolment.ResponseKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The embedded runtime's simulated LinkedIn: how each member behaves towards sends, settable while
 * Sequor runs. Only the embedded runtime provides one.
 */
public interface DevLinkedIn {

  /** The sends a scripted answer waits for. */
  enum Trigger {
    INMAIL,
    CONNECT,
    MESSAGE,
    ANY
  }

  /**
   * A scripted answer.
   *
   * @param firedBy the provider id of the send that triggered it; null until one did
   * @param landsAt when it is due on the engine's clock; null until a send triggered it
   */
  record Scripted(
      Trigger on,
      ResponseKind respond,
      Duration after,
      String text,
      Instant returnAt,
      String firedBy,
      Instant landsAt) {}

  /** One member's behaviour. */
  record Profile(String url, boolean openProfile, boolean blocksInMail, List<Scripted> script) {}

  /** Why the sandbox is not the LinkedIn gateway here; empty when it is. */
  Optional<String> unavailable();

  /** Every member whose behaviour is configured or was set. */
  List<Profile> profiles();

  /** The member's behaviour now, the default one when nothing was configured or set. */
  Profile profile(String url);

  /** Replaces the member's behaviour; its script starts afresh. */
  Profile set(Profile profile);

  /** Back to the configured behaviour. */
  Profile reset(String url);
}
