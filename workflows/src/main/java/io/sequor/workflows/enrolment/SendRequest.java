package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.Channel;
import java.time.Instant;

/**
 * Asks a channel activity to send one step.
 *
 * @param idempotencyKey made by the workflow from enrolment and step; the activity sends at most
 *     once per key
 */
public record SendRequest(
    String enrolmentId, String stepKey, Channel channel, String idempotencyKey, Instant plannedAt) {

  /** The same step sent on another channel, under its own idempotency key. */
  public SendRequest as(Channel other, String suffix) {
    return new SendRequest(enrolmentId, stepKey, other, idempotencyKey + ":" + suffix, plannedAt);
  }

  public static SendRequest of(String enrolmentId, String stepKey, Channel channel, Instant at) {
    return new SendRequest(enrolmentId, stepKey, channel, enrolmentId + ":" + stepKey, at);
  }
}
