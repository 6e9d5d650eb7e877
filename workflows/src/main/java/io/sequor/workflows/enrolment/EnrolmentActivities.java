package io.sequor.workflows.enrolment;

import io.temporal.activity.ActivityInterface;

/** Store side effects of an enrolment's life. */
@ActivityInterface
public interface EnrolmentActivities {

  void recordStatus(String enrolmentId, EnrolmentStatus status, StopReason stopReason);

  /** Puts the prospect on the suppression list so no future enrolment reaches them. */
  void suppressProspect(String enrolmentId);

  /** Marks the prospect's email address undeliverable after a bounce. */
  void markEmailUndeliverable(String enrolmentId);

  /** Points the stored enrolment at its new version and marks the migration applied. */
  void recordMigration(String enrolmentId, String migrationId, String versionId);
}
