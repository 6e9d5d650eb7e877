package io.sequor.domain.events;

import java.util.Arrays;
import java.util.Optional;

/** What an event reports; {@link #wireName()} is the name receivers and subscriptions use. */
public enum EventType {
  ENROLMENT_ENROLLED("enrolment.enrolled"),
  STEP_SENT("step.sent"),
  /** A step could not be sent (the provider or mail server refused it for good). */
  STEP_FAILED("step.failed"),
  RESPONSE_REPLIED("response.replied"),
  RESPONSE_AUTO_REPLIED("response.auto_replied"),
  RESPONSE_BOUNCED("response.bounced"),
  PROSPECT_UNSUBSCRIBED("prospect.unsubscribed"),
  CREDIT_SPENT("credit.spent"),
  /** LinkedIn returned the credit because the prospect responded in time. */
  CREDIT_REFUNDED("credit.refunded"),
  /** A spent credit came back because its InMail was not sent after all; not a refund. */
  CREDIT_RELEASED("credit.released"),
  /** A meeting was booked with the prospect (through the API or a calendar tool). */
  MEETING_BOOKED("meeting.booked"),
  /** Completed, or stopped with the reason. */
  ENROLMENT_FINISHED("enrolment.finished");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Whether an event of this type without a step of its own is attributed to the last message
   * delivered before it (responses and meetings), so reports can group it by step and variant.
   */
  public boolean attributed() {
    return switch (this) {
      case RESPONSE_REPLIED,
          RESPONSE_AUTO_REPLIED,
          RESPONSE_BOUNCED,
          PROSPECT_UNSUBSCRIBED,
          MEETING_BOOKED ->
          true;
      default -> false;
    };
  }

  public static Optional<EventType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
