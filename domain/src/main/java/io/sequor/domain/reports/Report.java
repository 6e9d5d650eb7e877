package io.sequor.domain.reports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A scope's metrics over a period: the totals (counted by enrolment) and, when a breakdown was
 * asked for, one row per value of its dimension.
 *
 * @param from null when the period has no start
 * @param to null when the period runs up to now
 * @param by null when no breakdown was asked for (rows is then empty)
 */
public record Report(
    Scope scope,
    String id,
    Instant from,
    Instant to,
    Breakdown by,
    Metrics total,
    List<Metrics> rows) {

  /** Which campaign, sequence or seat, in which workspace. */
  public record Target(UUID workspaceId, Scope scope, String id) {}
}
