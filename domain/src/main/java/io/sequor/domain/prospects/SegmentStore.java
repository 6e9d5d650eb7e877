package io.sequor.domain.prospects;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segments' checklists. A segment exists as soon as a prospect names it; saving a checklist for it
 * is optional.
 */
@Service
public class SegmentStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;

  SegmentStore(JdbcClient jdbc, JsonMapper json, SequorClock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Sets the segment's checklist, replacing the whole of it: an entry not given is cleared. */
  @Transactional
  public Segment put(UUID workspaceId, String name, Checklist checklist) {
    List<FieldProblem> problems = new ArrayList<>();
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty()) {
      problems.add(new FieldProblem("name", "must not be blank"));
    } else {
      ProspectStore.segmentProblem(clean).ifPresent(p -> problems.add(new FieldProblem("name", p)));
    }
    problems.addAll(ProspectStore.checklistProblems("checklist", checklist));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Timestamp now = Timestamp.from(clock.now());
    jdbc.sql(
            "INSERT INTO segments (workspace_id, name, checklist, created_at, updated_at)"
                + " VALUES (?, ?, ?::jsonb, ?, ?) ON CONFLICT (workspace_id, name) DO UPDATE"
                + " SET checklist = EXCLUDED.checklist, updated_at = EXCLUDED.updated_at")
        .params(
            workspaceId,
            clean,
            json.writeValueAsString(checklist == null ? Checklist.EMPTY : checklist.normalised()),
            now,
            now)
        .update();
    return get(workspaceId, clean);
  }

  /** The segment's checklist; not found when no checklist was ever saved for it. */
  public Segment get(UUID workspaceId, String name) {
    return jdbc.sql(
            "SELECT s.*, (SELECT count(*) FROM prospects p WHERE p.workspace_id = s.workspace_id"
                + " AND p.segment = s.name) AS prospects FROM segments s"
                + " WHERE s.workspace_id = ? AND s.name = ?")
        .params(workspaceId, name == null ? "" : name.strip())
        .query(this::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("segment", name));
  }

  private Segment map(ResultSet rs, int row) throws SQLException {
    return new Segment(
        rs.getString("name"),
        json.readValue(rs.getString("checklist"), Checklist.class),
        rs.getLong("prospects"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
