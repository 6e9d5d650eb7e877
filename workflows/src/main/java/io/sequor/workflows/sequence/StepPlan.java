package io.sequor.workflows.sequence;

import java.util.Objects;

/**
 * One step as the workflow sees it: which step, on which channel, how many days after enrolment,
 * and for an InMail what to do without a credit. Copy lives in the store under an immutable
 * sequence version, so the workflow carries no bodies.
 *
 * @param whenNoCredit null in enrolments started before routing existed
 */
public record StepPlan(String key, Channel channel, int dayOffset, NoCreditPolicy whenNoCredit) {
  public StepPlan {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channel, "channel");
    if (dayOffset < 0) {
      throw new IllegalArgumentException("dayOffset must be >= 0");
    }
  }

  public StepPlan(String key, Channel channel, int dayOffset) {
    this(key, channel, dayOffset, channel.spendsCredit() ? NoCreditPolicy.EMAIL : null);
  }
}
