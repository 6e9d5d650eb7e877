package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.StepPlan;
import java.util.List;

/**
 * Moves a running enrolment to another version of its sequence at its next step.
 *
 * @param migrationId the audit record's id; a repeated signal with the same id changes nothing
 * @param versionId the new version's id in the store
 * @param version the new version's number
 * @param steps the new version's steps
 */
public record VersionMigration(
    String migrationId, String versionId, int version, List<StepPlan> steps) {}
