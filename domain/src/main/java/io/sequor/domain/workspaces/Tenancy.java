package io.sequor.domain.workspaces;

import io.sequor.domain.errors.NotFoundException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which workspace a resource belongs to. Each check answers {@link NotFoundException}, worded
 * exactly as for an id that does not exist, when the resource is another workspace's: a caller
 * learns nothing of other workspaces. A resource never changes workspace, so a check made before
 * acting stays true.
 */
@Service
public class Tenancy {

  private final JdbcClient jdbc;

  Tenancy(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void prospect(UUID workspaceId, UUID id) {
    require("prospects", "prospect", workspaceId, id);
  }

  public void sequence(UUID workspaceId, UUID id) {
    require("sequences", "sequence", workspaceId, id);
  }

  public void seat(UUID workspaceId, String id) {
    require("seats", "seat", workspaceId, id);
  }

  public void mailbox(UUID workspaceId, String id) {
    require("mailboxes", "mailbox", workspaceId, id);
  }

  public void enrolment(UUID workspaceId, UUID id) {
    require("enrolments", "enrolment", workspaceId, id);
  }

  /** A manual task belongs to the workspace of its enrolment. */
  public void task(UUID workspaceId, UUID id) {
    boolean owned =
        jdbc.sql(
                    "SELECT count(*) FROM manual_tasks t JOIN enrolments e ON e.id = t.enrolment_id"
                        + " WHERE t.id = ? AND e.workspace_id = ?")
                .params(id, workspaceId)
                .query(Long.class)
                .single()
            > 0;
    if (!owned) {
      throw new NotFoundException("task", id);
    }
  }

  public boolean ownsEnrolment(UUID workspaceId, UUID id) {
    return owns("enrolments", workspaceId, id);
  }

  public boolean ownsSeat(UUID workspaceId, String id) {
    return owns("seats", workspaceId, id);
  }

  private void require(String table, String what, UUID workspaceId, Object id) {
    if (!owns(table, workspaceId, id)) {
      throw new NotFoundException(what, id);
    }
  }

  private boolean owns(String table, UUID workspaceId, Object id) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ? AND workspace_id = ?")
            .params(id, workspaceId)
            .query(Long.class)
            .single()
        > 0;
  }
}
