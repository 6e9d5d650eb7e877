package io.sequor.domain.sequences;

import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.NoCreditPolicy;
import io.sequor.workflows.sequence.StepPlan;

/**
 * One step of a sequence version as sales ops write it.
 *
 * @param body the message body, or the note of a connection request, or the instructions of a
 *     manual task
 * @param whenNoCredit InMail steps only: what to do when the seat has no credit or the recipient
 *     blocks InMail; {@code EMAIL} when absent
 * @param connectionNote InMail steps only: the note sent when the policy is {@code
 *     CONNECTION_REQUEST}
 */
public record StepDefinition(
    String key,
    Channel channel,
    Integer dayOffset,
    String subject,
    String body,
    NoCreditPolicy whenNoCredit,
    String connectionNote) {

  public StepDefinition(
      String key, Channel channel, Integer dayOffset, String subject, String body) {
    this(key, channel, dayOffset, subject, body, null, null);
  }

  /** The policy in force: the one set, or email for an InMail. */
  public NoCreditPolicy noCreditPolicy() {
    if (channel != Channel.LINKEDIN_INMAIL) {
      return null;
    }
    return whenNoCredit == null ? NoCreditPolicy.EMAIL : whenNoCredit;
  }

  public StepPlan plan() {
    return new StepPlan(key, channel, dayOffset, noCreditPolicy());
  }
}
