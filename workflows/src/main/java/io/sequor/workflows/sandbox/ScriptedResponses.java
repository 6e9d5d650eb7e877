package io.sequor.workflows.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * The answers one sandbox send triggered.
 *
 * @param providerMessageId the sandbox's id for the send, which the answers refer to
 * @param sentAt when the sandbox accepted the send; each answer lands {@code after} this
 */
public record ScriptedResponses(
    String providerMessageId, Instant sentAt, List<ScriptedResponse> responses) {

  /** One workflow per send, so a repeated send cannot start its answers twice. */
  public static String workflowId(String providerMessageId) {
    return "scripted-responses-" + providerMessageId;
  }

  /** The provider event id of the answer at {@code index}: the same on every attempt. */
  public String eventId(int index) {
    return "sandbox:" + providerMessageId + ":" + index;
  }
}
