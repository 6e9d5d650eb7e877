package io.sequor.app.embedded;

import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The embedded Temporal server keeps workflows in memory, while the store survives a restart. At
 * start-up, every enrolment the store calls live but Temporal does not know is marked {@code
 * STOPPED / LOST_ON_RESTART}, so it neither claims to run nor blocks its prospect from a new
 * enrolment.
 */
@Component
@Profile("embedded")
class LostEnrolments implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(LostEnrolments.class);
  private static final int PAGE = 500;

  private final EnrolmentStore enrolments;
  private final WorkflowClient temporal;

  LostEnrolments(EnrolmentStore enrolments, WorkflowClient temporal) {
    this.enrolments = enrolments;
    this.temporal = temporal;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<EnrolmentRecord> lost = new ArrayList<>();
    for (EnrolmentStatus live :
        List.of(EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED, EnrolmentStatus.LISTENING)) {
      for (int offset = 0; ; offset += PAGE) {
        List<EnrolmentRecord> page = enrolments.list(live, PAGE, offset);
        for (EnrolmentRecord enrolment : page) {
          if (!known(enrolment)) {
            lost.add(enrolment);
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    for (EnrolmentRecord enrolment : lost) {
      enrolments.recordStatus(enrolment.id(), EnrolmentStatus.STOPPED, StopReason.LOST_ON_RESTART);
    }
    if (!lost.isEmpty()) {
      log.warn(
          "{} enrolment(s) were running when the embedded runtime last stopped; its in-memory"
              + " Temporal server lost them, so they are now STOPPED (LOST_ON_RESTART)",
          lost.size());
    }
  }

  private boolean known(EnrolmentRecord enrolment) {
    try {
      temporal
          .newUntypedWorkflowStub(EnrolmentInput.workflowId(enrolment.id().toString()))
          .describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
