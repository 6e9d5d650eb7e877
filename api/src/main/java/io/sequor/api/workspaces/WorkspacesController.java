package io.sequor.api.workspaces;

import io.sequor.api.auth.Caller;
import io.sequor.api.auth.EnrolScope;
import io.sequor.api.auth.OperatorOnly;
import io.sequor.api.workspaces.KeyViews.IssuedKey;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.workspaces.ApiKeyStore;
import io.sequor.domain.workspaces.Workspace;
import io.sequor.domain.workspaces.WorkspaceStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Workspaces", description = "Tenants: each has its own data and API keys")
class WorkspacesController {

  private final WorkspaceStore workspaces;
  private final ApiKeyStore keys;
  private final TransactionTemplate tx;

  WorkspacesController(WorkspaceStore workspaces, ApiKeyStore keys, TransactionTemplate tx) {
    this.workspaces = workspaces;
    this.keys = keys;
    this.tx = tx;
  }

  @Schema(example = "{\"name\": \"Acme sales team\"}")
  record CreateWorkspace(@Schema(description = "1-100 characters") String name) {}

  @Schema(
      example =
          "{\"id\": \"6a1d8f0e-2b7c-4e55-8f0a-9c3e2d1b4a77\", \"name\": \"Acme sales team\","
              + " \"createdAt\": \"2026-11-26T09:00:00Z\"}")
  record WorkspaceView(java.util.UUID id, String name, java.time.Instant createdAt) {
    static WorkspaceView of(Workspace w) {
      return new WorkspaceView(w.id(), w.name(), w.createdAt());
    }
  }

  @Schema(
      example =
          "{\"workspace\": {\"id\": \"6a1d8f0e-2b7c-4e55-8f0a-9c3e2d1b4a77\", \"name\": \"Acme"
              + " sales team\", \"createdAt\": \"2026-11-26T09:00:00Z\"}, \"adminKey\": {\"id\":"
              + " \"0b6f1c1e-3f55-4c1e-9a43-2f7c1c7e0d11\", \"name\": \"first admin key\","
              + " \"prefix\": \"sq_Jx2kQ9wB\", \"scopes\": [\"ADMIN\"], \"createdAt\":"
              + " \"2026-11-26T09:00:00Z\", \"key\":"
              + " \"sq_Jx2kQ9wBv3yXc0mZ4h7TqLr8uN1aE5dG6fH2jK9pS0o\"}}")
  record CreatedWorkspace(WorkspaceView workspace, IssuedKey adminKey) {}

  @PostMapping("/api/workspaces")
  @ResponseStatus(HttpStatus.CREATED)
  @OperatorOnly
  @Operation(
      summary = "Make a workspace and its first ADMIN key (shown once)",
      description =
          "Only an ADMIN key of the default workspace (the installation's operator) may make"
              + " workspaces; any other key gets 403. Hand the key to the workspace's owner: it"
              + " sees and changes that workspace's data only.")
  ResponseEntity<CreatedWorkspace> create(@RequestBody CreateWorkspace request) {
    if (request.name() == null
        || request.name().isBlank()
        || request.name().strip().length() > 100) {
      throw new InvalidInputException("name", "is required, 1-100 characters");
    }
    CreatedWorkspace created =
        tx.execute(
            status -> {
              Workspace workspace = workspaces.create(request.name().strip());
              ApiKeyStore.Issued key =
                  keys.create(
                      workspace.id(),
                      "first admin key",
                      Set.of(Caller.Scope.ADMIN.name()),
                      null,
                      null);
              return new CreatedWorkspace(WorkspaceView.of(workspace), IssuedKey.of(key));
            });
    return ResponseEntity.created(URI.create("/api/workspace")).body(created);
  }

  @GetMapping("/api/workspace")
  @EnrolScope
  @Operation(summary = "The workspace of the calling key")
  WorkspaceView mine(Caller caller) {
    return WorkspaceView.of(workspaces.get(caller.workspaceId()));
  }
}
