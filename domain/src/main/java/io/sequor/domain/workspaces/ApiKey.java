package io.sequor.domain.workspaces;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A stored API key: never the key itself, only its first characters.
 *
 * @param prefix the key's first characters, to tell keys apart in a listing
 * @param scopes {@code ADMIN} and/or {@code ENROL}
 * @param requestsPerSecond a rate below the installation's for this key; null for the
 *     installation's
 * @param burst the burst that goes with {@code requestsPerSecond}; null for the installation's
 */
public record ApiKey(
    UUID id,
    UUID workspaceId,
    String name,
    String prefix,
    Set<String> scopes,
    Instant createdAt,
    Instant revokedAt,
    Instant lastUsedAt,
    Integer requestsPerSecond,
    Integer burst) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
