package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.Channel;
import java.time.Instant;

/**
 * One step's state as the query reports it.
 *
 * @param plan for a scheduled enrolment, how the step's time was planned (local time, default zone
 *     or country used, holidays skipped); null otherwise
 */
public record StepState(
    String key,
    Channel channel,
    int dayOffset,
    StepStatus status,
    Instant plannedAt,
    Instant sentAt,
    String detail,
    boolean creditSpent,
    boolean creditRefunded,
    Route route,
    String plan) {}
