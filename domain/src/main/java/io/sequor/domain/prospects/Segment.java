package io.sequor.domain.prospects;

import java.time.Instant;

/**
 * A segment's checklist, which its prospects inherit entry by entry.
 *
 * @param prospects how many prospects of the workspace are in the segment now
 */
public record Segment(
    String name, Checklist checklist, long prospects, Instant createdAt, Instant updatedAt) {}
