package io.sequor.workflows.schedule;

import java.time.Instant;

/**
 * A step's planned send time.
 *
 * @param plan how it was planned, for people: the local time, a default zone or country used,
 *     holidays skipped
 */
public record PlannedStep(Instant at, String plan) {}
