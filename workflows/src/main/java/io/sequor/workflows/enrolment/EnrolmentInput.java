package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.StepPlan;
import java.util.List;

/** Everything an enrolment needs, fixed at enrolment time. */
public record EnrolmentInput(String enrolmentId, List<StepPlan> steps, EnrolmentSettings settings) {

  public static String workflowId(String enrolmentId) {
    return "enrolment-" + enrolmentId;
  }
}
