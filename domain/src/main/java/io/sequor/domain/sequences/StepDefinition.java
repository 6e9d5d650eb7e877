package io.sequor.domain.sequences;

import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.StepPlan;

/**
 * One step of a sequence version as sales ops write it.
 *
 * @param body the message body, or the note of a connection request, or the instructions of a
 *     manual task
 */
public record StepDefinition(
    String key, Channel channel, Integer dayOffset, String subject, String body) {

  public StepPlan plan() {
    return new StepPlan(key, channel, dayOffset);
  }
}
