package io.sequor.worker.linkedin;

import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sandbox.ScriptedResponse;
import io.sequor.workflows.sequence.Channel;
import java.time.Duration;
import java.time.Instant;

/**
 * One scripted answer: on the first send of kind {@code on} to the member after the script was set,
 * the member answers {@code respond}, {@code after} later on the engine's clock.
 *
 * @param firedBy the provider id of the send that triggered it; null while it waits for one
 * @param landsAt when the answer is due; null while it waits for a send
 */
public record ScriptEntry(
    Trigger on,
    ResponseKind respond,
    Duration after,
    String text,
    Instant returnAt,
    String firedBy,
    Instant landsAt) {

  /** The sends an entry answers. */
  public enum Trigger {
    INMAIL,
    CONNECT,
    MESSAGE,
    ANY;

    boolean matches(Channel channel) {
      return switch (this) {
        case INMAIL -> channel == Channel.LINKEDIN_INMAIL;
        case CONNECT -> channel == Channel.LINKEDIN_CONNECT;
        case MESSAGE -> channel == Channel.LINKEDIN_MESSAGE;
        case ANY -> true;
      };
    }
  }

  /** An entry that has not fired yet. */
  public static ScriptEntry waiting(
      Trigger on, ResponseKind respond, Duration after, String text, Instant returnAt) {
    return new ScriptEntry(on, respond, after, text, returnAt, null, null);
  }

  boolean waitsFor(Channel channel) {
    return firedBy == null && on.matches(channel);
  }

  ScriptEntry firedBy(String providerMessageId, Instant sentAt) {
    return new ScriptEntry(
        on, respond, after, text, returnAt, providerMessageId, sentAt.plus(after));
  }

  ScriptEntry unfired() {
    return waiting(on, respond, after, text, returnAt);
  }

  ScriptedResponse response() {
    return new ScriptedResponse(respond, after, text, returnAt);
  }
}
