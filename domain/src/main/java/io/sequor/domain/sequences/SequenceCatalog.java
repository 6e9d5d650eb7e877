package io.sequor.domain.sequences;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.experiments.ExperimentStore;
import io.sequor.domain.workspaces.Workspaces;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Creates sequences and their immutable versions. */
@Service
public class SequenceCatalog {

  private static final TypeReference<List<StepDefinition>> STEPS = new TypeReference<>() {};

  private static final String SEQUENCES =
      "SELECT s.id, s.name, s.created_at, MAX(v.version) AS latest FROM sequences s"
          + " JOIN sequence_versions v ON v.sequence_id = s.id";
  private static final String VERSIONS =
      "SELECT v.*, s.name FROM sequence_versions v JOIN sequences s ON s.id = v.sequence_id";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequenceRules rules;
  private final SequorClock clock;
  private final ExperimentStore experiments;

  SequenceCatalog(
      JdbcClient jdbc,
      JsonMapper json,
      SequenceRules rules,
      SequorClock clock,
      ExperimentStore experiments) {
    this.experiments = experiments;
    this.jdbc = jdbc;
    this.json = json;
    this.rules = rules;
    this.clock = clock;
  }

  /** A saved version and the copy warnings it was saved with. */
  public record Saved(SequenceVersion version, List<Warning> warnings) {}

  /** Creates a sequence under a chosen id, as the built-in example uses to keep a fixed one. */
  @Transactional
  public Saved create(UUID id, String name, List<StepDefinition> steps) {
    return create(Workspaces.DEFAULT, id, name, steps, false);
  }

  /**
   * Creates a sequence of the workspace; names are unique within a workspace.
   *
   * @param requiresTrigger whether an enrolment needs the prospect to have a trigger
   */
  @Transactional
  public Saved create(
      UUID workspaceId, UUID id, String name, List<StepDefinition> steps, boolean requiresTrigger) {
    SequenceRules.Verdict verdict = rules.check(name == null ? "" : name, steps);
    if (!verdict.errors().isEmpty()) {
      throw new InvalidInputException(verdict.errors());
    }
    int inserted =
        jdbc.sql(
                "INSERT INTO sequences (id, name, created_at, workspace_id) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (workspace_id, name) DO NOTHING")
            .params(id, name.strip(), Timestamp.from(clock.now()), workspaceId)
            .update();
    if (inserted == 0) {
      String existing =
          jdbc.sql("SELECT id FROM sequences WHERE workspace_id = ? AND name = ?")
              .params(workspaceId, name.strip())
              .query(String.class)
              .single();
      throw new ConflictException(
          "a sequence named '" + name.strip() + "' exists; add a version to it instead", existing);
    }
    return new Saved(insertVersion(id, 1, steps, requiresTrigger), verdict.warnings());
  }

  @Transactional
  public Saved addVersion(UUID sequenceId, List<StepDefinition> steps) {
    return addVersion(sequenceId, steps, false);
  }

  /**
   * @param requiresTrigger whether an enrolment on this version needs the prospect to have a
   *     trigger
   */
  @Transactional
  public Saved addVersion(UUID sequenceId, List<StepDefinition> steps, boolean requiresTrigger) {
    Sequence sequence = sequence(sequenceId);
    SequenceRules.Verdict verdict = rules.check(null, steps);
    if (!verdict.errors().isEmpty()) {
      throw new InvalidInputException(verdict.errors());
    }
    // Lock the sequence row so two concurrent edits get consecutive version numbers.
    jdbc.sql("SELECT id FROM sequences WHERE id = ? FOR UPDATE").param(sequenceId).query().rowSet();
    int next =
        jdbc.sql(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM sequence_versions WHERE sequence_id = ?")
            .param(sequence.id())
            .query(Integer.class)
            .single();
    return new Saved(insertVersion(sequenceId, next, steps, requiresTrigger), verdict.warnings());
  }

  /** The workspace's sequences. */
  public List<Sequence> list(UUID workspaceId) {
    return jdbc.sql(SEQUENCES + " WHERE s.workspace_id = ? GROUP BY s.id ORDER BY s.created_at")
        .param(workspaceId)
        .query(SequenceCatalog::mapSequence)
        .list();
  }

  public Sequence sequence(UUID id) {
    return jdbc.sql(SEQUENCES + " WHERE s.id = ? GROUP BY s.id")
        .param(id)
        .query(SequenceCatalog::mapSequence)
        .optional()
        .orElseThrow(() -> new NotFoundException("sequence", id));
  }

  /** The default workspace's sequence of this name. */
  public Optional<Sequence> byName(String name) {
    return jdbc.sql(SEQUENCES + " WHERE s.workspace_id = ? AND s.name = ? GROUP BY s.id")
        .params(Workspaces.DEFAULT, name)
        .query(SequenceCatalog::mapSequence)
        .optional();
  }

  public SequenceVersion version(UUID sequenceId, int version) {
    return jdbc.sql(VERSIONS + " WHERE v.sequence_id = ? AND v.version = ?")
        .params(sequenceId, version)
        .query(this::mapVersion)
        .optional()
        .orElseThrow(() -> new NotFoundException("version", sequenceId + "/v" + version));
  }

  public SequenceVersion versionById(UUID versionId) {
    return jdbc.sql(VERSIONS + " WHERE v.id = ?")
        .param(versionId)
        .query(this::mapVersion)
        .optional()
        .orElseThrow(() -> new NotFoundException("sequence version", versionId));
  }

  public List<SequenceVersion> versions(UUID sequenceId) {
    sequence(sequenceId);
    return jdbc.sql(VERSIONS + " WHERE v.sequence_id = ? ORDER BY v.version")
        .param(sequenceId)
        .query(this::mapVersion)
        .list();
  }

  private SequenceVersion insertVersion(
      UUID sequenceId, int version, List<StepDefinition> steps, boolean requiresTrigger) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO sequence_versions (id, sequence_id, version, definition, created_at,"
                + " requires_trigger) VALUES (?, ?, ?, ?::jsonb, ?, ?)")
        .params(
            id,
            sequenceId,
            version,
            json.writeValueAsString(steps),
            Timestamp.from(clock.now()),
            requiresTrigger)
        .update();
    UUID workspaceId =
        jdbc.sql("SELECT workspace_id FROM sequences WHERE id = ?")
            .param(sequenceId)
            .query(UUID.class)
            .single();
    experiments.createFor(workspaceId, sequenceId, id, steps);
    return versionById(id);
  }

  private static Sequence mapSequence(ResultSet rs, int row) throws SQLException {
    return new Sequence(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getInt("latest"),
        rs.getTimestamp("created_at").toInstant());
  }

  private SequenceVersion mapVersion(ResultSet rs, int row) throws SQLException {
    return new SequenceVersion(
        rs.getObject("id", UUID.class),
        rs.getObject("sequence_id", UUID.class),
        rs.getString("name"),
        rs.getInt("version"),
        json.readValue(rs.getString("definition"), STEPS),
        rs.getTimestamp("created_at").toInstant(),
        rs.getBoolean("requires_trigger"));
  }
}
