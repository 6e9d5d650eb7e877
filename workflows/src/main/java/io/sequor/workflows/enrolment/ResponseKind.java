package io.sequor.workflows.enrolment;

/** What the prospect did. */
public enum ResponseKind {
  /** A person wrote back. Stops the enrolment. */
  REPLY,
  /** An automatic answer such as out-of-office. Pauses; never counted as a reply. */
  AUTO_REPLY,
  /** The InMail accept button. Stops the enrolment. */
  INMAIL_ACCEPTED,
  /** The InMail decline button. Stops the enrolment. */
  INMAIL_DECLINED,
  /** The prospect asked not to be contacted again. Stops and suppresses for good. */
  UNSUBSCRIBE,
  /** The email address bounced. Stops the email branch only. */
  BOUNCE,
  /**
   * The prospect accepted a connection request. Not an answer: the enrolment goes on, and its later
   * InMails go out as free regular messages.
   */
  INVITATION_ACCEPTED;

  /** Responses LinkedIn counts when it decides whether to return an InMail credit. */
  public boolean countsForRefund() {
    return this == REPLY
        || this == AUTO_REPLY
        || this == INMAIL_ACCEPTED
        || this == INMAIL_DECLINED;
  }
}
