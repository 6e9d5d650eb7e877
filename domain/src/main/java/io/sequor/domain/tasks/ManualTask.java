package io.sequor.domain.tasks;

import io.sequor.workflows.sequence.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * A step a rep must send by hand, with the copy already rendered.
 *
 * @param dueAt when the task's window ends; after that it is skipped or pushed to the next window
 * @param pushes how many times the task was pushed to a later window
 */
public record ManualTask(
    UUID id,
    UUID enrolmentId,
    String stepKey,
    String seatId,
    Channel channel,
    String subject,
    String body,
    String profileUrl,
    Status status,
    String providerMessageId,
    String note,
    Instant createdAt,
    Instant completedAt,
    Instant dueAt,
    int pushes) {

  public enum Status {
    OPEN,
    SENT,
    FAILED,
    CANCELLED
  }
}
