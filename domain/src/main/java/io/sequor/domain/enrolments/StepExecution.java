package io.sequor.domain.enrolments;

import io.sequor.workflows.sequence.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * A recorded attempt to send one step.
 *
 * @param outcomeUncertain the process died between handing the message over and recording it;
 *     Sequor assumes it went out rather than risk a duplicate
 */
public record StepExecution(
    String idempotencyKey,
    UUID enrolmentId,
    String stepKey,
    Channel channel,
    Status status,
    String messageId,
    boolean creditSpent,
    boolean outcomeUncertain,
    String detail,
    Instant plannedAt,
    Instant startedAt,
    Instant finishedAt) {

  public enum Status {
    /** Claimed: an attempt is preparing the send; nothing has left yet. */
    SENDING,
    /** The message was being handed to the mail server or provider: it may have gone out. */
    HANDING_OVER,
    SENT,
    TASK_OPEN,
    SKIPPED,
    FAILED
  }
}
