package io.sequor.inbound;

/** How sales ops counts a human reply; derived from its {@link ReplySignal} per workspace. */
public enum ReplyClass {
  /** A signal the workspace counts as positive. */
  POSITIVE,
  /** Neither a yes nor a no: a question, "later", nothing recognised, or a yes not counted. */
  NEUTRAL,
  /** A no: not interested, stop, wrong person. */
  NEGATIVE,
  /** Routes to someone else, in a workspace that does not count that as positive. */
  REFERRAL
}
