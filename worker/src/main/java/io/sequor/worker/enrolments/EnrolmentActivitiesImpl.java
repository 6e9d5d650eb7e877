package io.sequor.worker.enrolments;

import io.sequor.domain.campaigns.CampaignCommands;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.enrolments.VersionMigrations;
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
  private final CampaignCommands campaignCommands;
  private final VersionMigrations migrations;

  EnrolmentActivitiesImpl(
      EnrolmentStore enrolments,
      ProspectStore prospects,
      CampaignCommands campaignCommands,
      VersionMigrations migrations) {
    this.migrations = migrations;
    this.enrolments = enrolments;
    this.prospects = prospects;
    this.campaignCommands = campaignCommands;
  }

  @Override
  public void recordStatus(String enrolmentId, EnrolmentStatus status, StopReason stopReason) {
    UUID id = UUID.fromString(enrolmentId);
    enrolments.recordStatus(id, status, stopReason);
    if (status == EnrolmentStatus.STOPPED && answered(stopReason)) {
      // After the store says so: a retry of this activity finds the siblings again and tells
      // those not stopped yet; telling one twice changes nothing.
      campaignCommands.stopCompany(id);
    }
  }

  /** A person answered: the stops that count as a reply from the company. */
  private static boolean answered(StopReason reason) {
    return reason == StopReason.REPLIED
        || reason == StopReason.INMAIL_ACCEPTED
        || reason == StopReason.INMAIL_DECLINED;
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

  @Override
  public void recordMigration(String enrolmentId, String migrationId, String versionId) {
    migrations.applied(
        UUID.fromString(enrolmentId), UUID.fromString(migrationId), UUID.fromString(versionId));
  }
}
