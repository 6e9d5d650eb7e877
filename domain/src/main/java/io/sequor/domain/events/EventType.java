package io.sequor.domain.events;

import java.util.Arrays;
import java.util.Optional;

/** What an event reports; {@link #wireName()} is the name receivers and subscriptions use. */
public enum EventType {
  ENROLMENT_ENROLLED("enrolment.enrolled"),
  STEP_SENT("step.sent"),
  RESPONSE_REPLIED("response.replied"),
  RESPONSE_AUTO_REPLIED("response.auto_replied"),
  RESPONSE_BOUNCED("response.bounced"),
  PROSPECT_UNSUBSCRIBED("prospect.unsubscribed"),
  CREDIT_SPENT("credit.spent"),
  /** LinkedIn returned the credit because the prospect responded in time. */
  CREDIT_REFUNDED("credit.refunded"),
  /** A spent credit came back because its InMail was not sent after all; not a refund. */
  CREDIT_RELEASED("credit.released"),
  /** Completed, or stopped with the reason. */
  ENROLMENT_FINISHED("enrolment.finished");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
