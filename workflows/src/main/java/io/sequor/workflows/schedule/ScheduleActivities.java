package io.sequor.workflows.schedule;

import io.temporal.activity.ActivityInterface;

/**
 * Plans send times of enrolments that have a schedule. Planning reads the prospect and the schedule
 * and knows zone rules and holidays, so it is an activity: the workflow keeps only the answer.
 */
@ActivityInterface
public interface ScheduleActivities {

  /**
   * The first moment the step may go out under the enrolment's schedule, in its prospect's zone.
   */
  PlannedStep planStep(PlanRequest request);
}
