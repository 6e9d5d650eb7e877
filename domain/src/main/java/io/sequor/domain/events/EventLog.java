package io.sequor.domain.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sequor.domain.config.SequorClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events. Call {@link #append} inside the transaction of the change it reports: the event
 * and its webhook deliveries commit or roll back with it. Each event has an idempotency key made
 * from what it reports (the enrolment, the step, the ledger entry), so a retried activity that
 * repeats the change appends nothing more.
 *
 * <p>The context columns (workspace, sequence version, seat, mailbox) and the ids in {@code data}
 * are copied from the enrolment row, so each caller passes only what is particular to its change.
 */
@Service
public class EventLog {

  /** Told, after commit, which subscriptions got new deliveries. */
  public interface DeliveryListener {
    void delivered(List<UUID> subscriptionIds);
  }

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;
  private final ObjectProvider<DeliveryListener> listeners;
  private final ObjectProvider<MeterRegistry> meters;

  EventLog(
      JdbcClient jdbc,
      JsonMapper json,
      SequorClock clock,
      ObjectProvider<DeliveryListener> listeners,
      ObjectProvider<MeterRegistry> meters) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.listeners = listeners;
    this.meters = meters;
  }

  /**
   * Appends an event about an enrolment, unless one with the same key exists.
   *
   * @param stepKey the step it concerns, or null
   * @param channel EMAIL, LINKEDIN..., or null
   * @param data facts particular to this change: ids and values only, never names or addresses
   * @param key unique per change; the same when the change is retried
   * @return the new event's id; empty when the key was used before or there is no such enrolment
   */
  public Optional<UUID> append(
      EventType type,
      UUID enrolmentId,
      String stepKey,
      String channel,
      Map<String, ?> data,
      Instant occurredAt,
      String key) {
    UUID id = UUID.randomUUID();
    Instant now = clock.now();
    Instant at = occurredAt == null ? now : occurredAt;
    String step =
        stepKey != null || !type.attributed() ? stepKey : attributedStep(enrolmentId, channel, at);
    Optional<UUID> workspace =
        jdbc.sql(
                "INSERT INTO events (id, workspace_id, type, enrolment_id, campaign_id,"
                    + " sequence_id, sequence_version_id, step_key, channel, seat_id, mailbox_id,"
                    + " segment, variant, occurred_at, recorded_at, idempotency_key, data)"
                    + " SELECT ?, e.workspace_id, ?, e.id, e.campaign_id, e.sequence_id,"
                    + " e.sequence_version_id, ?, ?, e.seat_id, e.mailbox_id, p.segment, a.variant,"
                    + " ?, ?, ?, jsonb_strip_nulls(jsonb_build_object("
                    + "'enrolmentId', e.id, 'prospectId', e.prospect_id, 'sequenceId',"
                    + " e.sequence_id, 'sequenceVersionId', e.sequence_version_id, 'campaignId',"
                    + " e.campaign_id, 'seatId',"
                    + " e.seat_id, 'mailboxId', e.mailbox_id, 'stepKey', CAST(? AS text),"
                    + " 'channel', CAST(? AS text), 'variant', a.variant) || CAST(? AS jsonb))"
                    + " FROM enrolments e JOIN prospects p ON p.id = e.prospect_id"
                    + " LEFT JOIN step_variant_assignments a ON a.enrolment_id = e.id"
                    + " AND a.step_key = CAST(? AS text)"
                    + " WHERE e.id = ?"
                    + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING workspace_id")
            .params(
                id,
                type.wireName(),
                step,
                channel,
                Timestamp.from(at),
                Timestamp.from(now),
                key,
                step,
                channel,
                json.writeValueAsString(data == null ? Map.of() : data),
                step,
                enrolmentId)
            .query(UUID.class)
            .optional();
    if (workspace.isEmpty()) {
      return Optional.empty();
    }
    List<UUID> subscriptions =
        jdbc.sql(
                "INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_id, status,"
                    + " created_at) SELECT s.workspace_id, s.id, ?, 'PENDING', ?"
                    + " FROM webhook_subscriptions s WHERE s.workspace_id = ? AND ? = ANY(s.events)"
                    + " RETURNING subscription_id")
            .params(id, Timestamp.from(now), workspace.get(), type.wireName())
            .query(UUID.class)
            .list();
    if (!subscriptions.isEmpty()) {
      afterCommit(subscriptions);
    }
    count(type);
    return Optional.of(id);
  }

  /**
   * The step a response or meeting is attributed to: the last message delivered to the enrolment
   * before it, preferring one on the response's own medium (an email reply answers an email). Null
   * when nothing was delivered.
   */
  private String attributedStep(UUID enrolmentId, String channel, Instant at) {
    String sameMedium =
        channel == null ? "%" : channel.startsWith("LINKEDIN") ? "LINKEDIN%" : channel;
    return jdbc.sql(
            "SELECT step_key FROM events WHERE enrolment_id = ? AND type = ?"
                + " ORDER BY (channel LIKE ?) DESC, (occurred_at <= ?) DESC, occurred_at DESC,"
                + " seq DESC LIMIT 1")
        .params(enrolmentId, EventType.STEP_SENT.wireName(), sameMedium, Timestamp.from(at))
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Event data from name, value pairs; null values are left out. */
  public static Map<String, Object> data(Object... pairs) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        Object value = pairs[i + 1];
        data.put(
            (String) pairs[i],
            value instanceof Boolean || value instanceof Number ? value : value.toString());
      }
    }
    return data;
  }

  public Optional<Event> find(UUID id) {
    return jdbc.sql("SELECT * FROM events WHERE id = ?").param(id).query(this::map).optional();
  }

  /** The events of one enrolment, in the order they were appended. */
  public List<Event> forEnrolment(UUID enrolmentId) {
    return jdbc.sql("SELECT * FROM events WHERE enrolment_id = ? ORDER BY seq")
        .param(enrolmentId)
        .query(this::map)
        .list();
  }

  /**
   * Counts the event in {@code sequor.events{type}} once its transaction commits (a rolled-back
   * event was never appended). Tagged by type only: no workspace or prospect, so no PII and few
   * series.
   */
  private void count(EventType type) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry == null) {
      return;
    }
    Counter counter =
        Counter.builder("sequor.events")
            .description("Events appended to the event log, by type")
            .tag("type", type.wireName())
            .register(registry);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              counter.increment();
            }
          });
    } else {
      counter.increment();
    }
  }

  private void afterCommit(List<UUID> subscriptions) {
    Runnable wake = () -> listeners.forEach(l -> l.delivered(subscriptions));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wake.run();
            }
          });
    } else {
      wake.run();
    }
  }

  Event map(ResultSet rs, int row) throws SQLException {
    return new Event(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("type"),
        rs.getObject("enrolment_id", UUID.class),
        rs.getTimestamp("occurred_at").toInstant(),
        new LinkedHashMap<>(json.readValue(rs.getString("data"), MAP)));
  }
}
