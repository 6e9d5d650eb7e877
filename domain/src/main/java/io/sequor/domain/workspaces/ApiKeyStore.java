package io.sequor.domain.workspaces;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys. A key is {@code sq_} and 32 random bytes in base64url; it is shown once, when made, and
 * the store keeps its SHA-256 and its first {@value #PREFIX_LENGTH} characters only. A plain hash
 * is enough: the key is random, so there is no dictionary to try against it.
 */
@Repository
public class ApiKeyStore {

  static final int PREFIX_LENGTH = 11;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Writing the last use on every call would turn each read into a write. */
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final SequorClock clock;

  ApiKeyStore(JdbcClient jdbc, SequorClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A key just made: the stored record and the key itself, which is not kept. */
  public record Issued(ApiKey key, String secret) {}

  /** A fresh random key. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sq_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public Issued create(
      UUID workspaceId, String name, Set<String> scopes, Integer requestsPerSecond, Integer burst) {
    String secret = newSecret();
    return new Issued(store(workspaceId, name, secret, scopes, requestsPerSecond, burst), secret);
  }

  /** Stores a key chosen elsewhere (the bootstrap key). */
  public ApiKey store(
      UUID workspaceId,
      String name,
      String secret,
      Set<String> scopes,
      Integer requestsPerSecond,
      Integer burst) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, scopes, created_at,"
                + " requests_per_second, burst) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            workspaceId,
            name,
            secret.substring(0, Math.min(PREFIX_LENGTH, secret.length())),
            hash(secret),
            scopes.toArray(String[]::new),
            Timestamp.from(clock.now()),
            requestsPerSecond,
            burst)
        .update();
    return get(workspaceId, id);
  }

  /** The live key with this secret, noting that it was used; empty when unknown or revoked. */
  public Optional<ApiKey> authenticate(String secret) {
    Optional<ApiKey> key =
        jdbc.sql("SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
            .param(hash(secret))
            .query(ApiKeyStore::map)
            .optional();
    key.ifPresent(this::touch);
    return key;
  }

  /** Whether a key with this secret was ever stored, revoked or not. */
  public boolean known(String secret) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE key_hash = ?")
            .param(hash(secret))
            .query(Long.class)
            .single()
        > 0;
  }

  public boolean hasLiveKey(UUID workspaceId) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE workspace_id = ? AND revoked_at IS NULL")
            .param(workspaceId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The workspace's keys, newest first, revoked ones included. */
  public List<ApiKey> list(UUID workspaceId) {
    return jdbc.sql("SELECT * FROM api_keys WHERE workspace_id = ? ORDER BY created_at DESC, id")
        .param(workspaceId)
        .query(ApiKeyStore::map)
        .list();
  }

  public ApiKey get(UUID workspaceId, UUID id) {
    return jdbc.sql("SELECT * FROM api_keys WHERE workspace_id = ? AND id = ?")
        .params(workspaceId, id)
        .query(ApiKeyStore::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("API key", id));
  }

  /**
   * Holds the workspace's keys still until the transaction ends, so two revocations cannot each see
   * the other's key as the one left.
   */
  public void lock(UUID workspaceId) {
    jdbc.sql("SELECT id FROM workspaces WHERE id = ? FOR UPDATE")
        .param(workspaceId)
        .query()
        .rowSet();
  }

  /** Revokes the key at once; revoking it again changes nothing. */
  public ApiKey revoke(UUID workspaceId, UUID id) {
    get(workspaceId, id);
    jdbc.sql(
            "UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ?"
                + " AND revoked_at IS NULL")
        .params(Timestamp.from(clock.now()), workspaceId, id)
        .update();
    return get(workspaceId, id);
  }

  private void touch(ApiKey key) {
    Instant now = clock.now();
    if (key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
      jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ?")
          .params(Timestamp.from(now), key.id())
          .update();
    }
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static ApiKey map(ResultSet rs, int row) throws SQLException {
    Array scopes = rs.getArray("scopes");
    Set<String> set = new LinkedHashSet<>(List.of((String[]) scopes.getArray()));
    return new ApiKey(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("name"),
        rs.getString("prefix"),
        Set.copyOf(set),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("revoked_at")),
        instant(rs.getTimestamp("last_used_at")),
        (Integer) rs.getObject("requests_per_second"),
        (Integer) rs.getObject("burst"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
