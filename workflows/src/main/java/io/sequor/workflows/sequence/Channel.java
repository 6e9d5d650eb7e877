package io.sequor.workflows.sequence;

/** How a step reaches the prospect. */
public enum Channel {
  LINKEDIN_INMAIL,
  LINKEDIN_CONNECT,
  LINKEDIN_MESSAGE,
  EMAIL,
  MANUAL_TASK;

  /** Email steps run on the email branch; every other step is a LinkedIn or rep action. */
  public Medium medium() {
    return this == EMAIL ? Medium.EMAIL : Medium.LINKEDIN;
  }

  /** Only an InMail costs a credit (unless the recipient has an Open Profile). */
  public boolean spendsCredit() {
    return this == LINKEDIN_INMAIL;
  }
}
