package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.StepPlan;
import java.util.List;

/**
 * Everything an enrolment needs, fixed at enrolment time.
 *
 * @param scheduled whether the enrolment has a schedule, whose planning activity then gives each
 *     step's send time; null (runs started before schedules existed) means no
 */
public record EnrolmentInput(
    String enrolmentId, List<StepPlan> steps, EnrolmentSettings settings, Boolean scheduled) {

  public EnrolmentInput(String enrolmentId, List<StepPlan> steps, EnrolmentSettings settings) {
    this(enrolmentId, steps, settings, null);
  }

  public boolean hasSchedule() {
    return Boolean.TRUE.equals(scheduled);
  }

  public static String workflowId(String enrolmentId) {
    return "enrolment-" + enrolmentId;
  }
}
