package io.sequor.domain.reports;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes reports from the event log, in SQL: each report is one query over the scope's events.
 * The definitions are those of docs/metrics.md; keep the two in step. Time-to-first-reply
 * percentiles are PostgreSQL's {@code percentile_cont}, exact and computed where the rows are.
 */
@Service
public class Reports {

  /** The longest series answered, in days. */
  public static final int MAX_SERIES_DAYS = 3660;

  private static final Instant NO_START = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant NO_END = Instant.parse("9999-01-01T00:00:00Z");

  /**
   * The scope's events, each marked with whether it falls in the period and, for replies and
   * meetings, whether it is the enrolment's first of its type (a subquery over those two types
   * only) and how the reply is classified; then one row per message attempted in the period (a
   * step.sent, step.failed or credit.spent in it) with its facts whenever they came. A first reply
   * or meeting is grouped with the message it is attributed to (its step_key), so no join is needed
   * to count it there. Each step is one aggregation: the planner has no join to misjudge.
   */
  private static final String BASE =
      """
      WITH scoped AS (
        SELECT e.type, e.enrolment_id, e.step_key, e.channel, e.variant, e.segment, e.seat_id,
               CAST(e.campaign_id AS text) AS campaign_id, e.mailbox_id, e.occurred_at,
               e.occurred_at >= :from AND e.occurred_at < :to AS in_range,
               e.type IN ('step.sent', 'step.failed', 'credit.spent') AS attempt,
               e.id IN (SELECT DISTINCT ON (f.enrolment_id, f.type) f.id FROM events f
                        WHERE f.workspace_id = :ws AND f.%1$s = :id
                          AND f.type IN ('response.replied', 'meeting.booked')
                        ORDER BY f.enrolment_id, f.type, f.occurred_at, f.seq) AS is_first,
               COALESCE(COALESCE(c.override_class, c.rule_class) = 'POSITIVE', false) AS positive,
               c.override_class IS NOT NULL AS overridden
        FROM events e LEFT JOIN reply_classifications c ON c.event_id = e.id
        WHERE e.workspace_id = :ws AND e.%1$s = :id AND e.enrolment_id IS NOT NULL%3$s),
      plans (plan, cost) AS (VALUES %2$s),
      grouped AS (
        SELECT enrolment_id, step_key,
               COALESCE(min(channel) FILTER (WHERE type = 'step.sent' AND in_range),
                        min(channel) FILTER (WHERE attempt AND in_range)) AS channel,
               COALESCE(min(variant) FILTER (WHERE type = 'step.sent' AND in_range),
                        min(variant) FILTER (WHERE attempt AND in_range)) AS variant,
               min(segment) FILTER (WHERE attempt AND in_range) AS segment,
               min(seat_id) FILTER (WHERE attempt AND in_range) AS seat_id,
               min(campaign_id) FILTER (WHERE attempt AND in_range) AS campaign_id,
               min(mailbox_id) FILTER (WHERE attempt AND in_range) AS mailbox_id,
               min(occurred_at) FILTER (WHERE attempt AND in_range) AS at,
               min(occurred_at) FILTER (WHERE type = 'step.sent' AND in_range) AS sent_at,
               bool_or(type = 'response.bounced') AS bounced,
               bool_or(type = 'step.failed' AND in_range) AS failed,
               bool_or(type = 'response.auto_replied') AS ooo,
               bool_or(type = 'prospect.unsubscribed') AS unsubscribed,
               min(occurred_at) FILTER (WHERE type = 'response.replied' AND is_first) AS reply_at,
               bool_or(type = 'response.replied' AND is_first AND positive) AS positive,
               bool_or(type = 'response.replied' AND is_first AND overridden) AS overridden,
               bool_or(type = 'meeting.booked' AND is_first) AS met,
               count(*) FILTER (WHERE type = 'credit.spent') AS spent,
               count(*) FILTER (WHERE type = 'credit.refunded') AS refunded,
               count(*) FILTER (WHERE type = 'credit.released') AS released,
               max(occurred_at) FILTER (WHERE type = 'credit.spent') AS spent_at
        FROM scoped WHERE step_key IS NOT NULL
        GROUP BY enrolment_id, step_key
        HAVING bool_or(attempt AND in_range)),
      messages AS (
        SELECT g.enrolment_id, g.step_key, g.channel, g.variant, g.segment, g.seat_id,
               g.campaign_id, g.mailbox_id, g.at, g.sent_at,
               g.sent_at IS NOT NULL AND NOT g.bounced AS delivered,
               g.sent_at IS NOT NULL AND g.bounced AS bounced,
               g.failed AND g.sent_at IS NULL AS failed,
               g.ooo, g.unsubscribed, g.reply_at, g.positive, g.overridden, g.met,
               g.spent, g.refunded, g.released,
               g.spent - g.refunded - g.released AS net,
               CASE WHEN g.spent - g.refunded - g.released > 0 AND g.spent_at > :since
                    THEN g.spent - g.refunded - g.released ELSE 0 END AS in_window,
               (g.spent - g.refunded - g.released) * COALESCE(p.cost, 0) AS cost
        FROM grouped g
        LEFT JOIN seats st ON st.id = g.seat_id
        LEFT JOIN plans p ON p.plan = COALESCE(st.plan, :defaultPlan)),
      """;

  /** Units are delivered messages; the reply and meeting count on the message attributed. */
  private static final String MESSAGE_UNITS =
      """
      message_units AS (
        SELECT m.%s AS key, m.delivered,
               m.delivered AND m.reply_at >= m.sent_at AS replied,
               m.delivered AND m.reply_at >= m.sent_at AND m.positive AS positive,
               m.delivered AND m.reply_at >= m.sent_at AND m.overridden AS overridden,
               CASE WHEN m.delivered AND m.reply_at >= m.sent_at
                    THEN EXTRACT(EPOCH FROM m.reply_at - m.sent_at) END AS ttfr,
               m.delivered AND m.met AS met,
               m.delivered AND m.ooo AS ooo, m.bounced, m.unsubscribed AS unsub, m.failed,
               m.spent, m.refunded, m.released, m.net, m.in_window, m.cost
        FROM messages m)
      """;

  /**
   * Units are enrolments with a message attempted in the period; their dimensions are those of
   * their first delivered message (or first attempt when none was delivered).
   */
  private static final String ENROLMENT_UNITS =
      """
      per_enrolment AS (
        SELECT enrolment_id, bool_or(delivered) AS delivered,
               min(sent_at) FILTER (WHERE delivered) AS first_sent,
               (array_agg(segment ORDER BY delivered DESC, at))[1] AS segment,
               (array_agg(seat_id ORDER BY delivered DESC, at))[1] AS seat_id,
               (array_agg(campaign_id ORDER BY delivered DESC, at))[1] AS campaign_id,
               (array_agg(mailbox_id ORDER BY delivered DESC, at))[1] AS mailbox_id,
               bool_or(bounced) AS bounced, bool_or(failed) AS failed,
               sum(spent) AS spent, sum(refunded) AS refunded, sum(released) AS released,
               sum(net) AS net, sum(in_window) AS in_window, sum(cost) AS cost
        FROM messages GROUP BY enrolment_id),
      answers AS (
        SELECT enrolment_id,
               min(occurred_at) FILTER (WHERE type = 'response.replied') AS reply_at,
               bool_or(type = 'response.replied' AND is_first AND positive) AS positive,
               bool_or(type = 'response.replied' AND is_first AND overridden) AS overridden,
               bool_or(type = 'meeting.booked') AS met,
               bool_or(type = 'response.auto_replied') AS ooo,
               bool_or(type = 'prospect.unsubscribed') AS unsub
        FROM scoped
        WHERE type IN ('response.replied', 'meeting.booked', 'response.auto_replied',
                       'prospect.unsubscribed')
        GROUP BY enrolment_id),
      enrolment_units AS (
        SELECT %s AS key, pe.delivered,
               pe.delivered AND a.reply_at >= pe.first_sent AS replied,
               pe.delivered AND a.reply_at >= pe.first_sent AND a.positive AS positive,
               pe.delivered AND a.reply_at >= pe.first_sent AND a.overridden AS overridden,
               CASE WHEN pe.delivered AND a.reply_at >= pe.first_sent
                    THEN EXTRACT(EPOCH FROM a.reply_at - pe.first_sent) END AS ttfr,
               pe.delivered AND COALESCE(a.met, false) AS met,
               pe.delivered AND COALESCE(a.ooo, false) AS ooo, pe.bounced,
               COALESCE(a.unsub, false) AS unsub, pe.failed,
               pe.spent, pe.refunded, pe.released, pe.net, pe.in_window, pe.cost
        FROM per_enrolment pe LEFT JOIN answers a USING (enrolment_id))
      """;

  private static final String AGGREGATE =
      """
      SELECT '%1$s' AS source, key, GROUPING(key) = 1 AS total,
             count(*) FILTER (WHERE delivered) AS delivered,
             count(*) FILTER (WHERE replied) AS replies,
             count(*) FILTER (WHERE positive) AS positive,
             count(*) FILTER (WHERE overridden) AS overridden,
             count(*) FILTER (WHERE met) AS meetings,
             count(*) FILTER (WHERE ooo) AS ooo,
             count(*) FILTER (WHERE bounced) AS bounces,
             count(*) FILTER (WHERE unsub) AS unsubscribes,
             count(*) FILTER (WHERE failed) AS failed,
             COALESCE(sum(spent), 0) AS spent, COALESCE(sum(refunded), 0) AS refunded,
             COALESCE(sum(released), 0) AS released, COALESCE(sum(in_window), 0) AS in_window,
             COALESCE(sum(net), 0) AS net, COALESCE(sum(cost), 0) AS cost,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ttfr) AS median,
             percentile_cont(0.25) WITHIN GROUP (ORDER BY ttfr) AS p25,
             percentile_cont(0.75) WITHIN GROUP (ORDER BY ttfr) AS p75,
             count(*) FILTER (WHERE ttfr < 86400) AS b1,
             count(*) FILTER (WHERE ttfr >= 86400 AND ttfr < 259200) AS b2,
             count(*) FILTER (WHERE ttfr >= 259200 AND ttfr < 604800) AS b3,
             count(*) FILTER (WHERE ttfr >= 604800 AND ttfr < 1209600) AS b4,
             count(*) FILTER (WHERE ttfr >= 1209600) AS b5
      FROM %1$s_units GROUP BY GROUPING SETS %2$s
      """;

  private static final String SERIES =
      """
      WITH scoped AS (
        SELECT id, seq, type, enrolment_id, step_key, occurred_at,
               CAST(%s AS date) AS day
        FROM events WHERE workspace_id = :ws AND %s = :id AND enrolment_id IS NOT NULL
          AND type IN ('step.sent', 'response.replied', 'response.auto_replied',
                       'response.bounced', 'meeting.booked', 'credit.spent', 'credit.refunded')),
      bounced AS (SELECT DISTINCT enrolment_id, step_key FROM scoped
                  WHERE type = 'response.bounced'),
      firsts AS (
        SELECT DISTINCT ON (s.enrolment_id, s.type) s.id, s.type, s.day
        FROM scoped s WHERE s.type IN ('response.replied', 'meeting.booked')
        ORDER BY s.enrolment_id, s.type, s.occurred_at, s.seq),
      counted AS (
        SELECT day,
               count(*) FILTER (WHERE type = 'step.sent' AND NOT EXISTS (SELECT 1 FROM bounced b
                   WHERE b.enrolment_id = s.enrolment_id AND b.step_key = s.step_key))
                   AS delivered,
               count(*) FILTER (WHERE type = 'response.auto_replied') AS ooo,
               count(*) FILTER (WHERE type = 'response.bounced') AS bounces,
               count(*) FILTER (WHERE type = 'credit.spent') AS spent,
               count(*) FILTER (WHERE type = 'credit.refunded') AS refunded
        FROM scoped s WHERE day >= :first AND day < :last GROUP BY day),
      answered AS (
        SELECT f.day, count(*) FILTER (WHERE f.type = 'response.replied') AS replies,
               count(*) FILTER (WHERE f.type = 'response.replied'
                   AND COALESCE(c.override_class, c.rule_class) = 'POSITIVE') AS positive,
               count(*) FILTER (WHERE f.type = 'meeting.booked') AS meetings
        FROM firsts f LEFT JOIN reply_classifications c ON c.event_id = f.id
        WHERE f.day >= :first AND f.day < :last GROUP BY f.day)
      SELECT CAST(d AS date) AS day, COALESCE(c.delivered, 0) AS delivered,
             COALESCE(a.replies, 0) AS replies, COALESCE(a.positive, 0) AS positive,
             COALESCE(c.ooo, 0) AS ooo, COALESCE(c.bounces, 0) AS bounces,
             COALESCE(a.meetings, 0) AS meetings, COALESCE(c.spent, 0) AS spent,
             COALESCE(c.refunded, 0) AS refunded
      FROM generate_series(CAST(:first AS timestamp), CAST(:last AS timestamp) - interval '1 day',
                           interval '1 day') d
      LEFT JOIN counted c ON c.day = CAST(d AS date)
      LEFT JOIN answered a ON a.day = CAST(d AS date)
      ORDER BY 1
      """;

  private final JdbcClient jdbc;
  private final SequorClock clock;
  private final SequorProperties properties;
  private final ObjectProvider<MeterRegistry> meters;

  Reports(
      JdbcClient jdbc,
      SequorClock clock,
      SequorProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.meters = meters;
  }

  /**
   * The scope's report over the range, with rows by {@code by} (or none when null). The caller has
   * checked that the scope's id belongs to the workspace.
   */
  public Report report(Report.Target target, Range range, Breakdown by) {
    Instant from = range.from() == null ? NO_START : range.from();
    Instant to = range.to() == null ? NO_END : range.to();
    Map<String, Object> params = params(target);
    params.put("from", Timestamp.from(from));
    params.put("to", Timestamp.from(to));
    params.put("since", Timestamp.from(clock.now().minus(properties.enrolment().refundWindow())));
    params.put("defaultPlan", properties.linkedin().defaultSeatPlan());
    // A bounded period reads only the enrolments with a message attempted in it (by index).
    String bounded =
        range.from() == null && range.to() == null
            ? ""
            : " AND e.enrolment_id IN (SELECT a.enrolment_id FROM events a"
                + " WHERE a.workspace_id = :ws AND a."
                + target.scope().column()
                + " = :id AND a.type IN ('step.sent', 'step.failed', 'credit.spent')"
                + " AND a.occurred_at >= :from AND a.occurred_at < :to)";
    String base = BASE.formatted(target.scope().column(), plans(params), bounded);
    String enrolmentKey = by == null || by.messageLevel() ? "NULL" : "pe." + by.column();
    // One statement: the scope's events are read and grouped once for the totals and the rows.
    StringBuilder sql = new StringBuilder(base).append(ENROLMENT_UNITS.formatted(enrolmentKey));
    String selects = AGGREGATE.formatted("enrolment", "((key), ())");
    if (by != null && by.messageLevel()) {
      sql.append(",\n").append(MESSAGE_UNITS.formatted(by.column()));
      selects += " UNION ALL " + AGGREGATE.formatted("message", "((key))");
    }
    sql.append("SELECT * FROM (").append(selects).append(") r ORDER BY total DESC, key NULLS LAST");
    String source = by != null && by.messageLevel() ? "message" : "enrolment";
    List<Row> found =
        timed(
            by == null ? "totals" : by.wireName(),
            () -> jdbc.sql(sql.toString()).params(params).query(Reports::row).list());
    Metrics total =
        found.stream()
            .filter(r -> r.total() && r.source().equals("enrolment"))
            .findFirst()
            .orElseThrow()
            .metrics();
    List<Metrics> rows =
        by == null
            ? List.of()
            : found.stream()
                .filter(r -> !r.total() && r.source().equals(source))
                .map(Row::metrics)
                .toList();
    return new Report(
        target.scope(), target.id(), range.from(), range.to(), by, total, List.copyOf(rows));
  }

  /** Per-day counts over the range in its zone; without bounds, from the first event to today. */
  public Series series(Report.Target target, Range range) {
    if (!(range.zone() instanceof ZoneOffset)) {
      boolean known =
          jdbc.sql("SELECT count(*) FROM pg_timezone_names WHERE name = ?")
                  .param(range.zone().getId())
                  .query(Long.class)
                  .single()
              > 0;
      if (!known) {
        throw new InvalidInputException("zone", "not a time zone the database knows");
      }
    }
    Map<String, Object> params = params(target);
    String day = dayExpression(range.zone(), params);
    LocalDate today = clock.now().atZone(range.zone()).toLocalDate();
    LocalDate first =
        range.from() != null
            ? range.from().atZone(range.zone()).toLocalDate()
            : firstEventDay(target, range).orElse(today);
    LocalDate last =
        range.to() != null
            ? range.to().minusNanos(1).atZone(range.zone()).toLocalDate().plusDays(1)
            : today.plusDays(1);
    if (!last.isAfter(first)) {
      last = first.plusDays(1);
    }
    if (ChronoUnit.DAYS.between(first, last) > MAX_SERIES_DAYS) {
      throw new InvalidInputException(
          List.of(
              new FieldProblem(
                  range.from() == null ? "to" : "from",
                  "a series covers at most " + MAX_SERIES_DAYS + " days")));
    }
    params.put("first", first);
    params.put("last", last);
    String sql = SERIES.formatted(day, target.scope().column());
    List<Series.Day> days =
        timed(
            "series",
            () ->
                jdbc.sql(sql)
                    .params(params)
                    .query(
                        (rs, row) ->
                            new Series.Day(
                                rs.getObject("day", LocalDate.class),
                                rs.getLong("delivered"),
                                rs.getLong("replies"),
                                rs.getLong("positive"),
                                rs.getLong("ooo"),
                                rs.getLong("bounces"),
                                rs.getLong("meetings"),
                                rs.getLong("spent"),
                                rs.getLong("refunded")))
                    .list());
    return new Series(target.scope(), target.id(), range.zone().getId(), days);
  }

  private java.util.Optional<LocalDate> firstEventDay(Report.Target target, Range range) {
    Map<String, Object> params = params(target);
    return jdbc.sql(
            "SELECT min(occurred_at) FROM events WHERE workspace_id = :ws AND "
                + target.scope().column()
                + " = :id")
        .params(params)
        .query((rs, row) -> rs.getTimestamp(1))
        .optional()
        .filter(java.util.Objects::nonNull)
        .map(t -> t.toInstant().atZone(range.zone()).toLocalDate());
  }

  /** The calendar day of an event in the zone, as SQL. */
  private static String dayExpression(java.time.ZoneId zone, Map<String, Object> params) {
    if (zone instanceof ZoneOffset offset) {
      params.put("offset", offset.getTotalSeconds());
      return "(occurred_at AT TIME ZONE 'UTC') + make_interval(secs => :offset)";
    }
    params.put("zone", zone.getId());
    return "occurred_at AT TIME ZONE :zone";
  }

  private Map<String, Object> params(Report.Target target) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("ws", target.workspaceId());
    params.put("id", target.scope() == Scope.SEAT ? target.id() : UUID.fromString(target.id()));
    return params;
  }

  /** The plans' cost per credit as a VALUES list, bound as parameters. */
  private String plans(Map<String, Object> params) {
    List<String> rows = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, SequorProperties.LinkedIn.Plan> plan :
        properties.linkedin().plans().entrySet()) {
      params.put("plan" + i, plan.getKey());
      params.put("cost" + i, plan.getValue().costPerCredit());
      rows.add("(CAST(:plan" + i + " AS text), CAST(:cost" + i + " AS numeric))");
      i++;
    }
    return rows.isEmpty() ? "(CAST(NULL AS text), CAST(0 AS numeric))" : String.join(", ", rows);
  }

  /** A result line: which units it counts, whether it is the total, and its figures. */
  private record Row(String source, boolean total, Metrics metrics) {}

  private static Row row(ResultSet rs, int row) throws SQLException {
    return new Row(rs.getString("source"), rs.getBoolean("total"), metrics(rs, row));
  }

  private <T> T timed(String report, Supplier<T> query) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry == null) {
      return query.get();
    }
    return Timer.builder("sequor.report.query")
        .description("Time to compute one report query")
        .tag("report", report)
        .register(registry)
        .record(query);
  }

  private static Metrics metrics(ResultSet rs, int row) throws SQLException {
    long delivered = rs.getLong("delivered");
    long replies = rs.getLong("replies");
    long positive = rs.getLong("positive");
    long meetings = rs.getLong("meetings");
    Double replyRate = Metrics.rate(replies, delivered);
    Double positiveRate = Metrics.rate(positive, delivered);
    Double meetingRate = Metrics.rate(meetings, delivered);
    BigDecimal cost = rs.getBigDecimal("cost");
    return new Metrics(
        rs.getBoolean("total") ? null : rs.getString("key"),
        delivered,
        replies,
        replyRate,
        positive,
        positiveRate,
        meetings,
        meetingRate,
        new Metrics.TimeToFirstReply(
            rs.getObject("median", Double.class),
            rs.getObject("p25", Double.class),
            rs.getObject("p75", Double.class),
            new Metrics.Buckets(
                rs.getLong("b1"),
                rs.getLong("b2"),
                rs.getLong("b3"),
                rs.getLong("b4"),
                rs.getLong("b5"))),
        rs.getLong("ooo"),
        rs.getLong("bounces"),
        rs.getLong("unsubscribes"),
        rs.getLong("failed"),
        new Metrics.Credits(
            rs.getLong("spent"),
            rs.getLong("refunded"),
            rs.getLong("released"),
            rs.getLong("in_window"),
            rs.getLong("net")),
        Metrics.Money.of(cost == null ? BigDecimal.ZERO : cost, replies, positive, meetings),
        rs.getLong("overridden"),
        Health.of(delivered, replyRate, positiveRate, meetingRate));
  }
}
