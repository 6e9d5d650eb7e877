package io.sequor.api.workspaces;

import io.sequor.api.auth.Caller;
import io.sequor.api.workspaces.KeyViews.CreateKey;
import io.sequor.api.workspaces.KeyViews.IssuedKey;
import io.sequor.api.workspaces.KeyViews.KeyView;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.workspaces.ApiKey;
import io.sequor.domain.workspaces.ApiKeyStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/keys")
@Tag(name = "API keys", description = "The workspace's API keys; ADMIN scope")
class KeysController {

  private final ApiKeyStore keys;
  private final SequorProperties.Api.RateLimit installation;
  private final TransactionTemplate tx;

  KeysController(ApiKeyStore keys, SequorProperties properties, TransactionTemplate tx) {
    this.keys = keys;
    this.installation = properties.api().rateLimit();
    this.tx = tx;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Make an API key; the answer shows the key, once",
      description =
          "Scopes: ADMIN (everything in the workspace, keys included) and ENROL (upsert and read"
              + " prospects, create, read and stop enrolments, read sequences). Only the key's"
              + " SHA-256 and its first characters are stored: keep the key from this answer.")
  ResponseEntity<IssuedKey> create(@RequestBody CreateKey request, Caller caller) {
    Set<String> scopes = validate(request, installation);
    KeyViews.RateLimit limit = request.rateLimit();
    ApiKeyStore.Issued issued =
        keys.create(
            caller.workspaceId(),
            request.name().strip(),
            scopes,
            limit == null ? null : limit.requestsPerSecond(),
            limit == null ? null : limit.burst());
    return ResponseEntity.created(URI.create("/api/keys/" + issued.key().id()))
        .body(IssuedKey.of(issued));
  }

  @GetMapping
  @Operation(
      summary = "The workspace's keys, newest first, revoked ones included",
      description = "Never the keys themselves: their prefix tells them apart.")
  List<KeyView> list(Caller caller) {
    return keys.list(caller.workspaceId()).stream().map(KeyView::of).toList();
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Revoke a key; it answers 401 from the next request on",
      description =
          "Revoking a revoked key changes nothing. The workspace's last live ADMIN key cannot be"
              + " revoked (409): make another ADMIN key first.")
  KeyView revoke(@PathVariable UUID id, Caller caller) {
    return tx.execute(
        status -> {
          keys.lock(caller.workspaceId());
          ApiKey key = keys.get(caller.workspaceId(), id);
          boolean lastAdmin =
              !key.revoked()
                  && key.scopes().contains(Caller.Scope.ADMIN.name())
                  && keys.list(caller.workspaceId()).stream()
                      .noneMatch(
                          k ->
                              !k.revoked()
                                  && !k.id().equals(id)
                                  && k.scopes().contains(Caller.Scope.ADMIN.name()));
          if (lastAdmin) {
            throw new ConflictException(
                "key "
                    + id
                    + " is the workspace's last live ADMIN key; make another ADMIN key first",
                id.toString());
          }
          return KeyView.of(keys.revoke(caller.workspaceId(), id));
        });
  }

  /** The request's scopes, as stored; 400 naming each wrong field. */
  static Set<String> validate(CreateKey request, SequorProperties.Api.RateLimit installation) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.name() == null
        || request.name().isBlank()
        || request.name().strip().length() > 100) {
      problems.add(new FieldProblem("name", "is required, 1-100 characters"));
    }
    Set<String> scopes = new LinkedHashSet<>();
    if (request.scopes() == null || request.scopes().isEmpty()) {
      problems.add(new FieldProblem("scopes", "name at least one of ADMIN, ENROL"));
    } else {
      for (int i = 0; i < request.scopes().size(); i++) {
        if (request.scopes().get(i) == null) {
          problems.add(new FieldProblem("scopes[" + i + "]", "must be ADMIN or ENROL"));
        } else {
          scopes.add(request.scopes().get(i).name());
        }
      }
    }
    KeyViews.RateLimit limit = request.rateLimit();
    if (limit != null) {
      if (limit.requestsPerSecond() == null
          || limit.requestsPerSecond() < 1
          || limit.requestsPerSecond() > installation.requestsPerSecond()) {
        problems.add(
            new FieldProblem(
                "rateLimit.requestsPerSecond",
                "must be 1 to " + installation.requestsPerSecond() + " (the installation's)"));
      }
      if (limit.burst() == null || limit.burst() < 1 || limit.burst() > installation.burst()) {
        problems.add(
            new FieldProblem(
                "rateLimit.burst",
                "must be 1 to " + installation.burst() + " (the installation's)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return scopes;
  }
}
