package io.sequor.api.workspaces;

import io.sequor.api.auth.Caller;
import io.sequor.domain.workspaces.ApiKey;
import io.sequor.domain.workspaces.ApiKeyStore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** API keys as the API shows them: the key itself only once, when made. */
final class KeyViews {

  private KeyViews() {}

  @Schema(
      example =
          "{\"name\": \"CRM sync\", \"scopes\": [\"ENROL\"], \"rateLimit\": {\"requestsPerSecond\":"
              + " 5, \"burst\": 20}}")
  record CreateKey(
      @Schema(description = "What the key is for, to tell keys apart; 1-100 characters")
          String name,
      @Schema(description = "ADMIN: everything in the workspace; ENROL: what an automation needs")
          List<Caller.Scope> scopes,
      @Schema(
              description =
                  "Hold this key below the installation's rate limit; left out: the installation's")
          RateLimit rateLimit) {}

  record RateLimit(Integer requestsPerSecond, Integer burst) {}

  @Schema(
      example =
          "{\"id\": \"0b6f1c1e-3f55-4c1e-9a43-2f7c1c7e0d11\", \"name\": \"CRM sync\", \"prefix\":"
              + " \"sq_Jx2kQ9wB\", \"scopes\": [\"ENROL\"], \"createdAt\":"
              + " \"2026-11-26T09:00:00Z\", \"revokedAt\": null, \"lastUsedAt\": null,"
              + " \"rateLimit\": {\"requestsPerSecond\": 5, \"burst\": 20}}")
  record KeyView(
      UUID id,
      String name,
      @Schema(description = "The key's first characters") String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant revokedAt,
      Instant lastUsedAt,
      @Schema(description = "This key's own limit; null when it has the installation's")
          RateLimit rateLimit) {

    static KeyView of(ApiKey key) {
      return new KeyView(
          key.id(),
          key.name(),
          key.prefix(),
          key.scopes().stream().sorted().toList(),
          key.createdAt(),
          key.revokedAt(),
          key.lastUsedAt(),
          key.requestsPerSecond() == null
              ? null
              : new RateLimit(key.requestsPerSecond(), key.burst()));
    }
  }

  @Schema(
      example =
          "{\"id\": \"0b6f1c1e-3f55-4c1e-9a43-2f7c1c7e0d11\", \"name\": \"CRM sync\", \"prefix\":"
              + " \"sq_Jx2kQ9wB\", \"scopes\": [\"ENROL\"], \"createdAt\":"
              + " \"2026-11-26T09:00:00Z\", \"key\":"
              + " \"sq_Jx2kQ9wBv3yXc0mZ4h7TqLr8uN1aE5dG6fH2jK9pS0o\"}")
  record IssuedKey(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      RateLimit rateLimit,
      @Schema(description = "The key: shown this once, never again. Send it as Bearer token.")
          String key) {

    static IssuedKey of(ApiKeyStore.Issued issued) {
      KeyView view = KeyView.of(issued.key());
      return new IssuedKey(
          view.id(),
          view.name(),
          view.prefix(),
          view.scopes(),
          view.createdAt(),
          view.rateLimit(),
          issued.secret());
    }
  }
}
