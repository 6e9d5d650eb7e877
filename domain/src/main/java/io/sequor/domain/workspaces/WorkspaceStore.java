package io.sequor.domain.workspaces;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.NotFoundException;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Workspaces: made by the installation's operator, each with its own keys and data. */
@Repository
public class WorkspaceStore {

  private final JdbcClient jdbc;
  private final SequorClock clock;

  WorkspaceStore(JdbcClient jdbc, SequorClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Workspace create(String name) {
    UUID id = UUID.randomUUID();
    jdbc.sql("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)")
        .params(id, name, Timestamp.from(clock.now()))
        .update();
    return get(id);
  }

  public Workspace get(UUID id) {
    return jdbc.sql("SELECT id, name, created_at FROM workspaces WHERE id = ?")
        .param(id)
        .query(
            (rs, row) ->
                new Workspace(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getTimestamp("created_at").toInstant()))
        .optional()
        .orElseThrow(() -> new NotFoundException("workspace", id));
  }
}
