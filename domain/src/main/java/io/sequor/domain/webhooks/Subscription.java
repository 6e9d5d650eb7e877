package io.sequor.domain.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription, without its secret.
 *
 * @param events the event types it receives, by wire name
 * @param disabledReason why deliveries gave up; null while enabled
 */
public record Subscription(
    UUID id,
    UUID workspaceId,
    String url,
    List<String> events,
    String description,
    Status status,
    String disabledReason,
    Instant disabledAt,
    Instant createdAt,
    Instant updatedAt) {

  public enum Status {
    ENABLED,
    /** A delivery gave up; events keep queueing and go out once it is enabled. */
    DISABLED
  }
}
