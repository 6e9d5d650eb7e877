package io.sequor.domain.experiments;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.sequences.ExperimentSpec;
import io.sequor.domain.sequences.StepDefinition;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Experiments and the variant each enrolment was given. */
@Service
public class ExperimentStore {

  private final JdbcClient jdbc;
  private final SequorClock clock;

  ExperimentStore(JdbcClient jdbc, SequorClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A running experiment for every step of a new version that has variants. Call inside the
   * transaction that saves the version.
   */
  public void createFor(
      UUID workspaceId, UUID sequenceId, UUID versionId, List<StepDefinition> steps) {
    for (StepDefinition step : steps) {
      if (!step.runsExperiment()) {
        continue;
      }
      ExperimentSpec spec = step.experiment();
      jdbc.sql(
              "INSERT INTO experiments (id, workspace_id, sequence_id, sequence_version_id,"
                  + " step_key, varies, variants, metric, stop_probability, stop_sends_per_variant,"
                  + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?)")
          .params(
              UUID.randomUUID(),
              workspaceId,
              sequenceId,
              versionId,
              step.key(),
              spec.varies().name(),
              step.variantKeys().toArray(String[]::new),
              spec.metric().name(),
              spec.stopAtProbability(),
              spec.stopAfterSendsPerVariant(),
              Timestamp.from(clock.now()))
          .update();
    }
  }

  /** The experiment of a version's step, if it runs one. */
  public Optional<Experiment> find(UUID versionId, String stepKey) {
    return jdbc.sql("SELECT * FROM experiments WHERE sequence_version_id = ? AND step_key = ?")
        .params(versionId, stepKey)
        .query(ExperimentStore::map)
        .optional();
  }

  /**
   * @throws NotFoundException when there is no such experiment in the workspace
   */
  public Experiment get(UUID workspaceId, UUID id) {
    return jdbc.sql("SELECT * FROM experiments WHERE id = ? AND workspace_id = ?")
        .params(id, workspaceId)
        .query(ExperimentStore::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("experiment", id));
  }

  /**
   * A page of the workspace's experiments, oldest first.
   *
   * @param sequenceId only this sequence's, or null
   * @param status only those with this status, or null
   * @param afterAt with {@code afterId}, where the previous page ended; null for the first page
   */
  public List<Experiment> page(
      UUID workspaceId,
      UUID sequenceId,
      Experiment.Status status,
      Instant afterAt,
      UUID afterId,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM experiments WHERE workspace_id = ?");
    List<Object> params = new ArrayList<>(List.of(workspaceId));
    if (sequenceId != null) {
      sql.append(" AND sequence_id = ?");
      params.add(sequenceId);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status.name());
    }
    if (afterAt != null) {
      sql.append(" AND (created_at, id) > (?, ?)");
      params.add(Timestamp.from(afterAt));
      params.add(afterId);
    }
    sql.append(" ORDER BY created_at, id LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(ExperimentStore::map).list();
  }

  /**
   * Ends a running experiment.
   *
   * @return false when it had ended already
   */
  public boolean end(UUID id, String winner, String reason) {
    return jdbc.sql(
                "UPDATE experiments SET status = 'ENDED', winner = ?, ended_reason = ?,"
                    + " ended_at = ? WHERE id = ? AND status = 'RUNNING'")
            .params(winner, reason, Timestamp.from(clock.now()), id)
            .update()
        > 0;
  }

  /**
   * Takes the next round-robin slot of a running experiment: one atomic increment, so concurrent
   * sends get consecutive slots.
   *
   * @return the slot (0, 1, 2 ...); empty when the experiment has ended
   */
  Optional<Long> nextSlot(UUID id) {
    return jdbc.sql(
            "UPDATE experiments SET assigned = assigned + 1 WHERE id = ? AND status = 'RUNNING'"
                + " RETURNING assigned - 1")
        .param(id)
        .query(Long.class)
        .optional();
  }

  /** The variant the enrolment was given at the step, if it was given one. */
  public Optional<String> assignment(UUID enrolmentId, String stepKey) {
    return jdbc.sql(
            "SELECT variant FROM step_variant_assignments WHERE enrolment_id = ? AND step_key = ?")
        .params(enrolmentId, stepKey)
        .query(String.class)
        .optional();
  }

  /**
   * Stores the enrolment's variant at the step unless one is stored already.
   *
   * @return the variant stored: this one, or the one an earlier attempt stored
   */
  String assign(UUID enrolmentId, String stepKey, UUID experimentId, String variant) {
    jdbc.sql(
            "INSERT INTO step_variant_assignments (enrolment_id, step_key, experiment_id, variant,"
                + " assigned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .params(enrolmentId, stepKey, experimentId, variant, Timestamp.from(clock.now()))
        .update();
    return assignment(enrolmentId, stepKey).orElseThrow();
  }

  /** How many enrolments were given each variant. */
  public Map<String, Long> assignedCounts(UUID experimentId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT variant, count(*) AS n FROM step_variant_assignments WHERE experiment_id = ?"
                + " GROUP BY variant")
        .param(experimentId)
        .query(
            rs -> {
              counts.put(rs.getString("variant"), rs.getLong("n"));
            });
    return counts;
  }

  private static Experiment map(ResultSet rs, int row) throws SQLException {
    Array variants = rs.getArray("variants");
    Timestamp endedAt = rs.getTimestamp("ended_at");
    return new Experiment(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getObject("sequence_id", UUID.class),
        rs.getObject("sequence_version_id", UUID.class),
        rs.getString("step_key"),
        ExperimentSpec.Varies.valueOf(rs.getString("varies")),
        Arrays.asList((String[]) variants.getArray()),
        ExperimentSpec.Metric.valueOf(rs.getString("metric")),
        rs.getObject("stop_probability", Double.class),
        rs.getObject("stop_sends_per_variant", Integer.class),
        Experiment.Status.valueOf(rs.getString("status")),
        rs.getString("winner"),
        rs.getString("ended_reason"),
        endedAt == null ? null : endedAt.toInstant(),
        rs.getLong("assigned"),
        rs.getTimestamp("created_at").toInstant());
  }
}
