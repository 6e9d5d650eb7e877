package io.sequor.domain.enrolments;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.schedule.EnrolmentSchedules;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Starts the workflow of a stored enrolment. Starting one that runs already changes nothing, so
 * whoever stored an enrolment may start it again after a crash between the two.
 */
@Service
public class EnrolmentStarter {

  private static final Logger log = LoggerFactory.getLogger(EnrolmentStarter.class);

  private final ObjectProvider<WorkflowClient> temporal;
  private final SequorProperties properties;
  private final EnrolmentSchedules schedules;

  EnrolmentStarter(
      ObjectProvider<WorkflowClient> temporal,
      SequorProperties properties,
      EnrolmentSchedules schedules) {
    this.temporal = temporal;
    this.properties = properties;
    this.schedules = schedules;
  }

  public void start(EnrolmentRecord enrolment, SequenceVersion version) {
    if (enrolment.status().isFinal()) {
      return;
    }
    EnrolmentInput input =
        new EnrolmentInput(
            enrolment.id().toString(),
            version.steps().stream().map(StepDefinition::plan).toList(),
            properties.enrolmentSettings(),
            schedules.find(enrolment.id()).isPresent() ? Boolean.TRUE : null);
    EnrolmentWorkflow workflow =
        temporal
            .getObject()
            .newWorkflowStub(
                EnrolmentWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(EnrolmentInput.workflowId(enrolment.id().toString()))
                    .setTaskQueue(EnrolmentWorkflow.TASK_QUEUE)
                    .setWorkflowIdReusePolicy(
                        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                    .build());
    try {
      WorkflowClient.start(workflow::run, input);
      log.info("enrolment {} started", enrolment.id());
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      log.debug("enrolment {} was already started", enrolment.id());
    }
  }
}
