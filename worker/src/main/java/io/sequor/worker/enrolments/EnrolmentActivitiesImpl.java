package io.sequor.worker.enrolments;

import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.workflows.enrolment.EnrolmentActivities;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component("enrolmentActivities")
class EnrolmentActivitiesImpl implements EnrolmentActivities {

  private final EnrolmentStore enrolments;
  private final ProspectStore prospects;

  EnrolmentActivitiesImpl(EnrolmentStore enrolments, ProspectStore prospects) {
    this.enrolments = enrolments;
    this.prospects = prospects;
  }

  @Override
  public void recordStatus(String enrolmentId, EnrolmentStatus status, StopReason stopReason) {
    enrolments.recordStatus(UUID.fromString(enrolmentId), status, stopReason);
  }

  @Override
  @Transactional
  public void suppressProspect(String enrolmentId) {
    var enrolment = enrolments.get(UUID.fromString(enrolmentId));
    prospects.suppress(prospects.get(enrolment.prospectId()), "unsubscribed");
  }

  @Override
  public void markEmailUndeliverable(String enrolmentId) {
    var enrolment = enrolments.get(UUID.fromString(enrolmentId));
    prospects.markEmailUndeliverable(enrolment.prospectId());
  }
}
