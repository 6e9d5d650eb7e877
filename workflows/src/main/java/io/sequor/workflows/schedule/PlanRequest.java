package io.sequor.workflows.schedule;

import java.time.Instant;

/**
 * Asks when a step of a scheduled enrolment goes out.
 *
 * @param anchor the enrolment's start, moved on by the pauses it had
 * @param dayOffset the step's offset, counted in the schedule's unit
 */
public record PlanRequest(String enrolmentId, String stepKey, Instant anchor, int dayOffset) {}
