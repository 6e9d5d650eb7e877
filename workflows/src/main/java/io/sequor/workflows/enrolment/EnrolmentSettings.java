package io.sequor.workflows.enrolment;

import java.time.Duration;

/**
 * Operator settings snapshotted into each enrolment at start, so a running workflow never reads
 * configuration.
 *
 * @param outOfOfficePause how long an out-of-office pauses the enrolment when it names no return
 *     date
 * @param resumeGap after a pause, the first remaining step goes out no earlier than this long after
 *     the resume; the steps after it keep their spacing
 * @param refundWindow how long after an InMail a response still earns its credit back
 * @param refundOnAnyChannel whether a response on email also refunds InMail credits
 * @param manualTaskWindow how long a rep has to complete a manual task; what happens after is the
 *     worker's rule (skip, or push to the next window)
 * @param invitationWithdrawAfter a connection request unanswered this long is withdrawn; null or
 *     zero: never (runs started before this setting existed have null)
 */
public record EnrolmentSettings(
    Duration outOfOfficePause,
    Duration resumeGap,
    Duration refundWindow,
    boolean refundOnAnyChannel,
    Duration manualTaskWindow,
    Duration invitationWithdrawAfter) {

  public static EnrolmentSettings defaults() {
    return new EnrolmentSettings(
        Duration.ofDays(7),
        Duration.ofDays(1),
        Duration.ofDays(90),
        true,
        Duration.ofDays(2),
        Duration.ofDays(14));
  }
}
