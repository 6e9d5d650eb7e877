package io.sequor.domain.pacing;

import java.time.Instant;
import java.util.UUID;

/** A moment booked for one step's action on a seat. */
public record Slot(
    String seatId, Action action, UUID enrolmentId, String stepKey, Instant at, Status status) {

  public enum Status {
    BOOKED,
    USED,
    /** Given back: the enrolment stopped, or the seat backed off and the step booked again. */
    RELEASED
  }
}
