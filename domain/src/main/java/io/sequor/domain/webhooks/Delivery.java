package io.sequor.domain.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one subscription: the delivery log's row.
 *
 * @param replay made by a replay rather than when the event happened
 * @param lastStatusCode the receiver's last HTTP status; null when it could not be reached
 * @param lastError why the last attempt failed; null after a success
 * @param nextAttemptAt when the next retry is due; null when none is planned
 */
public record Delivery(
    long id,
    UUID eventId,
    String eventType,
    Status status,
    boolean replay,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    Instant createdAt) {

  public enum Status {
    /** Waiting for its turn or being retried. */
    PENDING,
    DELIVERED,
    /** Gave up; it is tried again when the subscription is enabled. */
    FAILED
  }
}
