package io.sequor.domain.webhooks;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.events.Event;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.domain.secrets.Secret;
import io.sequor.domain.secrets.SecretBox;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscriptions and their delivery log. Every method a client reaches takes the caller's workspace
 * and treats another workspace's subscription as one that does not exist.
 */
@Repository
public class WebhookStore {

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private static final int MAX_URL = 2000;
  private static final int MAX_DESCRIPTION = 500;

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final EventLog events;
  private final SequorClock clock;
  private final boolean allowHttp;
  private final boolean allowPrivateAddresses;
  private final SecureRandom random = new SecureRandom();

  WebhookStore(
      JdbcClient jdbc,
      SecretBox secrets,
      EventLog events,
      SequorClock clock,
      SequorProperties properties) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.events = events;
    this.clock = clock;
    this.allowHttp = properties.webhooks().allowHttp();
    this.allowPrivateAddresses = properties.webhooks().allowPrivateAddresses();
  }

  /** A new subscription and its signing secret, which is shown this once. */
  public record Created(Subscription subscription, String secret) {}

  /** One page of the delivery log, newest first; {@code nextCursor} is null on the last page. */
  public record Page(List<Delivery> deliveries, String nextCursor) {}

  /** What the worker needs to post one delivery. */
  public record Job(
      long deliveryId, UUID subscriptionId, String url, Secret secret, Event event, int attempts) {}

  // ---- what clients reach --------------------------------------------------------------------

  @Transactional
  public Created create(UUID workspaceId, String url, List<String> eventTypes, String description) {
    List<FieldProblem> problems = new ArrayList<>();
    String checkedUrl = checkUrl(url, problems);
    List<String> types = checkEvents(eventTypes, problems);
    checkDescription(description, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    UUID id = UUID.randomUUID();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Timestamp now = Timestamp.from(clock.now());
    jdbc.sql(
            "INSERT INTO webhook_subscriptions (id, workspace_id, url, events, description,"
                + " secret_sealed, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'ENABLED', ?, ?)")
        .params(
            id,
            workspaceId,
            checkedUrl,
            types.toArray(String[]::new),
            description,
            secrets.seal(secret, context(id)),
            now,
            now)
        .update();
    return new Created(get(workspaceId, id), secret);
  }

  public List<Subscription> list(UUID workspaceId) {
    return jdbc.sql(
            "SELECT * FROM webhook_subscriptions WHERE workspace_id = ? ORDER BY created_at, id")
        .param(workspaceId)
        .query(WebhookStore::map)
        .list();
  }

  public Subscription get(UUID workspaceId, UUID id) {
    return find(id)
        .filter(s -> s.workspaceId().equals(workspaceId))
        .orElseThrow(() -> new NotFoundException("webhook", id));
  }

  /** Changes what is given; a null leaves that part as it is. */
  @Transactional
  public Subscription update(
      UUID workspaceId, UUID id, String url, List<String> eventTypes, String description) {
    get(workspaceId, id);
    List<FieldProblem> problems = new ArrayList<>();
    String checkedUrl = url == null ? null : checkUrl(url, problems);
    List<String> types = eventTypes == null ? null : checkEvents(eventTypes, problems);
    checkDescription(description, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    jdbc.sql(
            "UPDATE webhook_subscriptions SET url = COALESCE(?, url),"
                + " events = COALESCE(?, events), description = COALESCE(?, description),"
                + " updated_at = ? WHERE id = ? AND workspace_id = ?")
        .params(
            checkedUrl,
            types == null ? null : types.toArray(String[]::new),
            description,
            Timestamp.from(clock.now()),
            id,
            workspaceId)
        .update();
    return get(workspaceId, id);
  }

  /** Deletes the subscription and its delivery log; the events stay. */
  public void delete(UUID workspaceId, UUID id) {
    int deleted =
        jdbc.sql("DELETE FROM webhook_subscriptions WHERE id = ? AND workspace_id = ?")
            .params(id, workspaceId)
            .update();
    if (deleted == 0) {
      throw new NotFoundException("webhook", id);
    }
  }

  /** Enables it again; the deliveries that gave up are tried again, first. */
  @Transactional
  public Subscription enable(UUID workspaceId, UUID id) {
    get(workspaceId, id);
    jdbc.sql(
            "UPDATE webhook_subscriptions SET status = 'ENABLED', disabled_reason = NULL,"
                + " disabled_at = NULL, updated_at = ? WHERE id = ?")
        .params(Timestamp.from(clock.now()), id)
        .update();
    jdbc.sql(
            "UPDATE webhook_deliveries SET status = 'PENDING' WHERE subscription_id = ?"
                + " AND status = 'FAILED'")
        .param(id)
        .update();
    return get(workspaceId, id);
  }

  /**
   * Queues again every event of the subscription's types that occurred in {@code [from, to)}, in
   * the order they were logged, under their own ids.
   *
   * @return how many events were queued
   */
  @Transactional
  public int replay(UUID workspaceId, UUID id, Instant from, Instant to) {
    Subscription subscription = get(workspaceId, id);
    List<FieldProblem> problems = new ArrayList<>();
    if (from == null) {
      problems.add(new FieldProblem("from", "is required"));
    }
    if (to == null) {
      problems.add(new FieldProblem("to", "is required"));
    }
    if (from != null && to != null && !to.isAfter(from)) {
      problems.add(new FieldProblem("to", "must be after from"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return jdbc.sql(
            "INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_id, status,"
                + " replay, created_at) SELECT e.workspace_id, ?, e.id, 'PENDING', true, ?"
                + " FROM events e WHERE e.workspace_id = ? AND e.type = ANY(?)"
                + " AND e.occurred_at >= ? AND e.occurred_at < ? ORDER BY e.seq")
        .params(
            id,
            Timestamp.from(clock.now()),
            workspaceId,
            subscription.events().toArray(String[]::new),
            Timestamp.from(from),
            Timestamp.from(to))
        .update();
  }

  /**
   * The delivery log, newest first.
   *
   * @param status only these; null for all
   * @param cursor the {@code nextCursor} of the page before; null for the first page
   */
  public Page deliveries(
      UUID workspaceId, UUID id, Delivery.Status status, String cursor, int limit) {
    get(workspaceId, id);
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("limit", "must be between 1 and 500");
    }
    Long after = null;
    if (cursor != null && !cursor.isBlank()) {
      try {
        after = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw new InvalidInputException("cursor", "is not a cursor this list gave out");
      }
    }
    List<Delivery> rows =
        jdbc.sql(
                "SELECT d.*, e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"
                    + " WHERE d.subscription_id = ? AND (CAST(? AS text) IS NULL OR d.status = ?)"
                    + " AND (CAST(? AS bigint) IS NULL OR d.id < ?) ORDER BY d.id DESC LIMIT ?")
            .params(
                id,
                status == null ? null : status.name(),
                status == null ? null : status.name(),
                after,
                after,
                limit + 1)
            .query(WebhookStore::mapDelivery)
            .list();
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      return new Page(rows, String.valueOf(rows.get(limit - 1).id()));
    }
    return new Page(rows, null);
  }

  // ---- what the delivery workflow uses -------------------------------------------------------

  public Optional<Subscription> find(UUID id) {
    return jdbc.sql("SELECT * FROM webhook_subscriptions WHERE id = ?")
        .param(id)
        .query(WebhookStore::map)
        .optional();
  }

  /** Every subscription of every workspace, for starting their workflows. */
  public List<UUID> allIds() {
    return jdbc.sql("SELECT id FROM webhook_subscriptions ORDER BY created_at")
        .query(UUID.class)
        .list();
  }

  /** The subscription's next pending deliveries, oldest first. */
  public List<Long> pending(UUID subscriptionId, int limit) {
    return jdbc.sql(
            "SELECT id FROM webhook_deliveries WHERE subscription_id = ? AND status = 'PENDING'"
                + " ORDER BY id LIMIT ?")
        .params(subscriptionId, limit)
        .query(Long.class)
        .list();
  }

  /** A pending delivery with what it takes to post it; empty when done or gone. */
  public Optional<Job> job(long deliveryId) {
    return jdbc.sql(
            "SELECT d.id AS delivery_id, d.attempts, s.id AS subscription_id, s.url,"
                + " s.secret_sealed, d.event_id FROM webhook_deliveries d"
                + " JOIN webhook_subscriptions s ON s.id = d.subscription_id"
                + " WHERE d.id = ? AND d.status = 'PENDING'")
        .param(deliveryId)
        .query(
            (rs, row) -> {
              UUID subscription = rs.getObject("subscription_id", UUID.class);
              return new Job(
                  rs.getLong("delivery_id"),
                  subscription,
                  rs.getString("url"),
                  Secret.sealed(rs.getString("secret_sealed"), secrets, context(subscription)),
                  events.find(rs.getObject("event_id", UUID.class)).orElseThrow(),
                  rs.getInt("attempts"));
            })
        .optional();
  }

  /**
   * Records one attempt.
   *
   * @param statusCode the receiver's HTTP status; null when it could not be reached
   * @param error why it failed; null on success
   */
  public void attempted(
      long deliveryId,
      boolean delivered,
      Integer statusCode,
      String error,
      Instant at,
      Instant nextAttemptAt) {
    jdbc.sql(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = ?,"
                + " last_error = ?, last_attempt_at = ?, next_attempt_at = ?,"
                + " delivered_at = ?, status = ? WHERE id = ? AND status = 'PENDING'")
        .params(
            statusCode,
            error,
            Timestamp.from(at),
            nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
            delivered ? Timestamp.from(at) : null,
            delivered ? "DELIVERED" : "PENDING",
            deliveryId)
        .update();
  }

  public Optional<Delivery> delivery(long deliveryId) {
    return jdbc.sql(
            "SELECT d.*, e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"
                + " WHERE d.id = ?")
        .param(deliveryId)
        .query(WebhookStore::mapDelivery)
        .optional();
  }

  /** Marks the delivery failed and disables its subscription with the reason. */
  @Transactional
  public void giveUp(UUID subscriptionId, long deliveryId, String reason) {
    Timestamp now = Timestamp.from(clock.now());
    jdbc.sql(
            "UPDATE webhook_deliveries SET status = 'FAILED', next_attempt_at = NULL"
                + " WHERE id = ? AND status = 'PENDING'")
        .param(deliveryId)
        .update();
    jdbc.sql(
            "UPDATE webhook_subscriptions SET status = 'DISABLED', disabled_reason = ?,"
                + " disabled_at = ?, updated_at = ? WHERE id = ?")
        .params(reason, now, now, subscriptionId)
        .update();
  }

  // ---- checks --------------------------------------------------------------------------------

  private String checkUrl(String url, List<FieldProblem> problems) {
    if (url == null || url.isBlank()) {
      problems.add(new FieldProblem("url", "is required"));
      return null;
    }
    String trimmed = url.strip();
    if (trimmed.length() > MAX_URL) {
      problems.add(new FieldProblem("url", "is longer than " + MAX_URL + " characters"));
      return null;
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      problems.add(new FieldProblem("url", "is not a URL"));
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || host == null || host.isEmpty()) {
      problems.add(new FieldProblem("url", "must be an absolute URL with a host"));
    } else if (uri.getUserInfo() != null) {
      problems.add(
          new FieldProblem("url", "must not carry credentials; the signature authenticates"));
    } else if (uri.getFragment() != null) {
      problems.add(new FieldProblem("url", "must not have a fragment"));
    } else if (scheme.equals("http")) {
      if (!allowHttp && !LOOPBACK.contains(host)) {
        problems.add(
            new FieldProblem(
                "url",
                "must use https; plain http is accepted only for localhost (or everywhere with"
                    + " sequor.webhooks.allow-http)"));
      }
    } else if (!scheme.equals("https")) {
      problems.add(new FieldProblem("url", "must be an https URL"));
    }
    if (problems.isEmpty() && host != null && !allowPrivateAddresses) {
      ReceiverAddresses.forbidden(host)
          .ifPresent(reason -> problems.add(new FieldProblem("url", "is refused: " + reason)));
    }
    return trimmed;
  }

  private static List<String> checkEvents(List<String> types, List<FieldProblem> problems) {
    if (types == null || types.isEmpty()) {
      problems.add(new FieldProblem("events", "must name at least one event type: " + names()));
      return List.of();
    }
    Set<String> checked = new LinkedHashSet<>();
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      if (type == null || EventType.ofWireName(type).isEmpty()) {
        problems.add(new FieldProblem("events[" + i + "]", "is not one of " + names()));
      } else {
        checked.add(type);
      }
    }
    return List.copyOf(checked);
  }

  private static void checkDescription(String description, List<FieldProblem> problems) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      problems.add(
          new FieldProblem("description", "is longer than " + MAX_DESCRIPTION + " characters"));
    }
  }

  private static String names() {
    return Arrays.stream(EventType.values()).map(EventType::wireName).toList().toString();
  }

  private static String context(UUID subscriptionId) {
    return "webhook:" + subscriptionId;
  }

  private static Subscription map(ResultSet rs, int row) throws SQLException {
    Array events = rs.getArray("events");
    Timestamp disabledAt = rs.getTimestamp("disabled_at");
    return new Subscription(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("url"),
        List.of((String[]) events.getArray()),
        rs.getString("description"),
        Subscription.Status.valueOf(rs.getString("status")),
        rs.getString("disabled_reason"),
        disabledAt == null ? null : disabledAt.toInstant(),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static Delivery mapDelivery(ResultSet rs, int row) throws SQLException {
    int code = rs.getInt("last_status_code");
    Integer statusCode = rs.wasNull() ? null : code;
    return new Delivery(
        rs.getLong("id"),
        rs.getObject("event_id", UUID.class),
        rs.getString("type"),
        Delivery.Status.valueOf(rs.getString("status")),
        rs.getBoolean("replay"),
        rs.getInt("attempts"),
        statusCode,
        rs.getString("last_error"),
        instant(rs, "last_attempt_at"),
        instant(rs, "next_attempt_at"),
        instant(rs, "delivered_at"),
        rs.getTimestamp("created_at").toInstant());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
