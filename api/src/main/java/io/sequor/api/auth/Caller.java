package io.sequor.api.auth;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the workspace its API key belongs to, the key, and what the key may do. A
 * controller method takes a {@code Caller} parameter and scopes every read and write to {@link
 * #workspaceId()}.
 *
 * @param keyId the API key's id
 */
public record Caller(UUID workspaceId, UUID keyId, Set<Scope> scopes) {

  /** What a key may do. */
  public enum Scope {
    /** Everything inside its workspace, keys included. */
    ADMIN,
    /** Upsert prospects, enrol them and read the enrolments: what an automation needs. */
    ENROL
  }

  public boolean can(Scope scope) {
    return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
  }
}
