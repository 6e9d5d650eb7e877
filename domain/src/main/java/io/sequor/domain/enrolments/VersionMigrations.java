package io.sequor.domain.enrolments;

import io.sequor.domain.campaigns.Campaign;
import io.sequor.domain.campaigns.CampaignStore;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.workspaces.Tenancy;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.enrolment.VersionMigration;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Moves live enrolments to another version of their sequence. In-flight enrolments stay on their
 * version unless moved here; each move is recorded (who, when, from and to which version) and
 * applied by the enrolment's workflow at its next step, so a step already sent is never resent.
 */
@Service
public class VersionMigrations {

  /** The most enrolments one request may name. */
  public static final int MAX_NAMED = 1000;

  private final JdbcClient jdbc;
  private final SequenceCatalog catalog;
  private final EnrolmentStore enrolments;
  private final CampaignStore campaigns;
  private final ObjectProvider<WorkflowClient> temporal;
  private final SequorClock clock;
  private final Tenancy tenancy;

  VersionMigrations(
      JdbcClient jdbc,
      SequenceCatalog catalog,
      EnrolmentStore enrolments,
      CampaignStore campaigns,
      ObjectProvider<WorkflowClient> temporal,
      SequorClock clock,
      Tenancy tenancy) {
    this.tenancy = tenancy;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.enrolments = enrolments;
    this.campaigns = campaigns;
    this.temporal = temporal;
    this.clock = clock;
  }

  /** What became of one enrolment. */
  public enum Outcome {
    /** Its workflow was told; it moves at its next step. */
    MIGRATED,
    /** It is on that version already. */
    ALREADY_ON_VERSION,
    /** It has ended, or has no step left to send. */
    NOT_RUNNING,
    /** It belongs to another sequence. */
    OTHER_SEQUENCE
  }

  /**
   * One enrolment's audit record.
   *
   * @param appliedAt when its workflow switched to the new version; null until then, and for an
   *     enrolment that was not moved
   */
  public record Record(
      UUID id,
      UUID requestId,
      UUID enrolmentId,
      int fromVersion,
      int toVersion,
      Outcome outcome,
      String requestedBy,
      Instant requestedAt,
      Instant appliedAt) {}

  /**
   * Moves the named enrolments, or every live enrolment of the campaign, to {@code toVersion}.
   *
   * @param requestedBy who asked: the API key's id
   */
  public List<Record> migrate(
      UUID workspaceId,
      UUID sequenceId,
      Integer toVersion,
      List<UUID> enrolmentIds,
      UUID campaignId,
      String requestedBy) {
    List<FieldProblem> problems = new ArrayList<>();
    if (toVersion == null) {
      problems.add(new FieldProblem("toVersion", "is required"));
    }
    if ((enrolmentIds == null || enrolmentIds.isEmpty()) == (campaignId == null)) {
      problems.add(
          new FieldProblem("enrolmentIds", "give enrolmentIds or a campaignId, one of the two"));
    } else if (enrolmentIds != null && enrolmentIds.size() > MAX_NAMED) {
      problems.add(
          new FieldProblem(
              "enrolmentIds",
              "names " + enrolmentIds.size() + "; at most " + MAX_NAMED + " per request"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    SequenceVersion target;
    try {
      target = catalog.version(sequenceId, toVersion);
    } catch (NotFoundException e) {
      throw new InvalidInputException(
          "toVersion", "sequence " + sequenceId + " has no version " + toVersion);
    }
    List<UUID> chosen;
    if (campaignId != null) {
      Campaign campaign;
      try {
        campaign = campaigns.get(workspaceId, campaignId);
      } catch (NotFoundException e) {
        throw new InvalidInputException("campaignId", "no campaign with id " + campaignId);
      }
      if (!campaign.sequenceId().equals(sequenceId)) {
        throw new InvalidInputException(
            "campaignId", "campaign " + campaignId + " runs another sequence");
      }
      campaigns.setVersion(campaignId, target.id());
      chosen =
          campaigns.enrolments(campaignId, List.of("ACTIVE", "PAUSED"), null, Integer.MAX_VALUE);
    } else {
      chosen = new ArrayList<>(new LinkedHashSet<>(enrolmentIds));
      for (int i = 0; i < chosen.size(); i++) {
        UUID id = chosen.get(i);
        Optional<EnrolmentRecord> found =
            id == null
                ? Optional.empty()
                : enrolments.find(id).filter(e -> tenancy.ownsEnrolment(workspaceId, e.id()));
        if (found.isEmpty()) {
          problems.add(new FieldProblem("enrolmentIds[" + i + "]", "no enrolment with id " + id));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
    }
    UUID requestId = UUID.randomUUID();
    Instant now = clock.now();
    VersionMigration signal =
        new VersionMigration(
            null,
            target.id().toString(),
            target.version(),
            target.steps().stream().map(StepDefinition::plan).toList());
    List<Record> records = new ArrayList<>();
    for (UUID id : chosen) {
      EnrolmentRecord enrolment = enrolments.get(id);
      int from = catalog.versionById(enrolment.sequenceVersionId()).version();
      Outcome outcome;
      UUID recordId = UUID.randomUUID();
      if (!enrolment.sequenceId().equals(sequenceId)) {
        outcome = Outcome.OTHER_SEQUENCE;
      } else if (enrolment.sequenceVersionId().equals(target.id())) {
        outcome = Outcome.ALREADY_ON_VERSION;
      } else if (enrolment.status() != EnrolmentStatus.ACTIVE
          && enrolment.status() != EnrolmentStatus.PAUSED) {
        outcome = Outcome.NOT_RUNNING;
      } else {
        outcome =
            tell(
                id,
                new VersionMigration(
                    recordId.toString(), signal.versionId(), signal.version(), signal.steps()));
      }
      Record record =
          new Record(
              recordId, requestId, id, from, target.version(), outcome, requestedBy, now, null);
      insert(workspaceId, enrolment, target, record);
      records.add(record);
    }
    return records;
  }

  private Outcome tell(UUID enrolmentId, VersionMigration migration) {
    try {
      temporal
          .getObject()
          .newWorkflowStub(
              EnrolmentWorkflow.class, EnrolmentInput.workflowId(enrolmentId.toString()))
          .migrate(migration);
      return Outcome.MIGRATED;
    } catch (WorkflowNotFoundException e) {
      return Outcome.NOT_RUNNING;
    }
  }

  /** Called by the enrolment's workflow when it switches: the store follows. */
  public void applied(UUID enrolmentId, UUID migrationId, UUID versionId) {
    jdbc.sql("UPDATE enrolments SET sequence_version_id = ?, updated_at = ? WHERE id = ?")
        .params(versionId, Timestamp.from(clock.now()), enrolmentId)
        .update();
    jdbc.sql("UPDATE enrolment_migrations SET applied_at = ? WHERE id = ? AND applied_at IS NULL")
        .params(Timestamp.from(clock.now()), migrationId)
        .update();
  }

  /** An enrolment's migrations, oldest first. */
  public List<Record> of(UUID enrolmentId) {
    return jdbc.sql(
            "SELECT m.*, f.version AS from_version, t.version AS to_version"
                + " FROM enrolment_migrations m"
                + " JOIN sequence_versions f ON f.id = m.from_version_id"
                + " JOIN sequence_versions t ON t.id = m.to_version_id"
                + " WHERE m.enrolment_id = ? ORDER BY m.requested_at, m.id")
        .param(enrolmentId)
        .query(VersionMigrations::map)
        .list();
  }

  private void insert(
      UUID workspaceId, EnrolmentRecord enrolment, SequenceVersion target, Record r) {
    jdbc.sql(
            "INSERT INTO enrolment_migrations (id, request_id, workspace_id, enrolment_id,"
                + " sequence_id, from_version_id, to_version_id, outcome, requested_by,"
                + " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.id(),
            r.requestId(),
            workspaceId,
            enrolment.id(),
            enrolment.sequenceId(),
            enrolment.sequenceVersionId(),
            target.id(),
            r.outcome().name(),
            r.requestedBy(),
            Timestamp.from(r.requestedAt()))
        .update();
  }

  private static Record map(ResultSet rs, int row) throws SQLException {
    Timestamp applied = rs.getTimestamp("applied_at");
    return new Record(
        rs.getObject("id", UUID.class),
        rs.getObject("request_id", UUID.class),
        rs.getObject("enrolment_id", UUID.class),
        rs.getInt("from_version"),
        rs.getInt("to_version"),
        Outcome.valueOf(rs.getString("outcome")),
        rs.getString("requested_by"),
        rs.getTimestamp("requested_at").toInstant(),
        applied == null ? null : applied.toInstant());
  }
}
