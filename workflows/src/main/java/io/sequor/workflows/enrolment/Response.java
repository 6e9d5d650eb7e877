package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.Medium;
import java.time.Instant;

/**
 * A response signal.
 *
 * @param responseId store id of the recorded response; a repeated signal with the same id is
 *     ignored
 * @param returnAt for an out-of-office, when the prospect is back, if the message said so
 * @param answersStep the key of the step whose message this answers, when the channel says (a
 *     provider event matched by message id); null otherwise
 */
public record Response(
    String responseId,
    Medium channel,
    ResponseKind kind,
    Instant occurredAt,
    Instant returnAt,
    String answersStep) {

  public Response(
      String responseId, Medium channel, ResponseKind kind, Instant occurredAt, Instant returnAt) {
    this(responseId, channel, kind, occurredAt, returnAt, null);
  }
}
