package io.sequor.workflows.sequence;

/** The two parallel branches of an enrolment, and the two places a prospect can answer from. */
public enum Medium {
  LINKEDIN,
  EMAIL
}
