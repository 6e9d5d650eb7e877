package io.sequor.domain.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One logged change.
 *
 * @param id what a receiver deduplicates on; the same on every delivery and replay
 * @param data the ids a receiver needs to look things up (never names or addresses) and the
 *     change's own facts
 */
public record Event(
    UUID id,
    UUID workspaceId,
    String type,
    UUID enrolmentId,
    Instant occurredAt,
    Map<String, Object> data) {}
