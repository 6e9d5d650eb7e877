package io.sequor.workflows.enrolment;

/** Which path a step took. */
public enum Route {
  /** As designed. */
  PLANNED,
  /** An InMail that went out as an email: no credit, or the recipient blocks InMail. */
  EMAIL_INSTEAD,
  /** An InMail that went out as a connection request. */
  CONNECTION_REQUEST_INSTEAD,
  /** An InMail that waited for the seat's next credits. */
  WAITED_FOR_CREDIT,
  /** An InMail to a prospect now connected, sent as a free regular message. */
  MESSAGE_INSTEAD
}
