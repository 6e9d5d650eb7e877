package io.sequor.workflows.sequence;

import java.util.Objects;

/**
 * One step as the workflow sees it: which step, on which channel, how many days after enrolment.
 * Copy lives in the store under an immutable sequence version, so the workflow carries no bodies.
 */
public record StepPlan(String key, Channel channel, int dayOffset) {
  public StepPlan {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channel, "channel");
    if (dayOffset < 0) {
      throw new IllegalArgumentException("dayOffset must be >= 0");
    }
  }
}
