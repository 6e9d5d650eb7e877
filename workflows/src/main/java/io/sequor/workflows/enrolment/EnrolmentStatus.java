package io.sequor.workflows.enrolment;

/** Where an enrolment is in its life. */
public enum EnrolmentStatus {
  ACTIVE,
  PAUSED,
  /** Every step is done; still listening for responses that would refund an InMail credit. */
  LISTENING,
  STOPPED,
  COMPLETED;

  public boolean isFinal() {
    return this == COMPLETED || this == STOPPED;
  }
}
