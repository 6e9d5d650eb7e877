package io.sequor.worker.schedule;

import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.schedule.EnrolmentSchedules;
import io.sequor.domain.schedule.PlannedSend;
import io.sequor.domain.schedule.Schedule;
import io.sequor.domain.schedule.SendPlanner;
import io.sequor.workflows.schedule.PlanRequest;
import io.sequor.workflows.schedule.PlannedStep;
import io.sequor.workflows.schedule.ScheduleActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component("scheduleActivities")
class ScheduleActivitiesImpl implements ScheduleActivities {

  private final EnrolmentStore enrolments;
  private final ProspectStore prospects;
  private final EnrolmentSchedules schedules;
  private final SendPlanner planner;

  ScheduleActivitiesImpl(
      EnrolmentStore enrolments,
      ProspectStore prospects,
      EnrolmentSchedules schedules,
      SendPlanner planner) {
    this.enrolments = enrolments;
    this.prospects = prospects;
    this.schedules = schedules;
    this.planner = planner;
  }

  /**
   * Reads the prospect's zone and country at planning time, so a prospect corrected after enrolment
   * gets the corrected time for the steps not yet planned.
   */
  @Override
  public PlannedStep planStep(PlanRequest request) {
    UUID id = UUID.fromString(request.enrolmentId());
    EnrolmentRecord enrolment = enrolments.get(id);
    Schedule schedule =
        schedules
            .find(id)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "enrolment " + id + " has no schedule", "NoSchedule"));
    Prospect prospect = prospects.get(enrolment.prospectId());
    PlannedSend planned =
        planner.plan(
            request.anchor(),
            request.dayOffset(),
            schedule,
            prospect.timezone(),
            prospect.country());
    return new PlannedStep(planned.at(), planned.describe());
  }
}
