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
 * @param manualTaskWindow how long a rep has to complete a manual task before the step is skipped
 */
public record EnrolmentSettings(
    Duration outOfOfficePause,
    Duration resumeGap,
    Duration refundWindow,
    boolean refundOnAnyChannel,
    Duration manualTaskWindow) {

  public static EnrolmentSettings defaults() {
    return new EnrolmentSettings(
        Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(90), true, Duration.ofDays(2));
  }
}
