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
   * The scope's events, and one row per message attempted in the period (a step.sent, step.failed
   * or credit.spent in it), with that message's facts whenever they came, each enrolment's first
   * human reply and first meeting, and the plans' cost per credit.
   */
  private static final String BASE =
      """
      WITH scoped AS (
        SELECT id, seq, type, enrolment_id, step_key, channel, variant, segment, seat_id,
               campaign_id, mailbox_id, occurred_at
        FROM events WHERE workspace_id = :ws AND %s = :id AND enrolment_id IS NOT NULL),
      attempts AS (
        SELECT DISTINCT ON (enrolment_id, step_key) enrolment_id, step_key, channel, variant,
               segment, seat_id, campaign_id, mailbox_id, occurred_at AS at
        FROM scoped
        WHERE type IN ('step.sent', 'step.failed', 'credit.spent') AND step_key IS NOT NULL
          AND occurred_at >= :from AND occurred_at < :to
        ORDER BY enrolment_id, step_key, (type = 'step.sent') DESC, (type = 'step.failed') DESC,
                 occurred_at, seq),
      facts AS (
        SELECT s.enrolment_id, s.step_key,
               min(s.occurred_at) FILTER (WHERE s.type = 'step.sent'
                   AND s.occurred_at >= :from AND s.occurred_at < :to) AS sent_at,
               bool_or(s.type = 'response.bounced') AS bounced,
               bool_or(s.type = 'step.failed'
                   AND s.occurred_at >= :from AND s.occurred_at < :to) AS failed,
               bool_or(s.type = 'response.auto_replied') AS ooo,
               bool_or(s.type = 'prospect.unsubscribed') AS unsubscribed,
               count(*) FILTER (WHERE s.type = 'credit.spent') AS spent,
               count(*) FILTER (WHERE s.type = 'credit.refunded') AS refunded,
               count(*) FILTER (WHERE s.type = 'credit.released') AS released,
               max(s.occurred_at) FILTER (WHERE s.type = 'credit.spent') AS spent_at
        FROM scoped s
        JOIN attempts a ON a.enrolment_id = s.enrolment_id AND a.step_key = s.step_key
        GROUP BY s.enrolment_id, s.step_key),
      plans (plan, cost) AS (VALUES %s),
      messages AS (
        SELECT a.enrolment_id, a.step_key, a.channel, a.variant, a.segment, a.seat_id,
               a.campaign_id, a.mailbox_id, a.at, f.sent_at,
               f.sent_at IS NOT NULL AND NOT f.bounced AS delivered,
               f.sent_at IS NOT NULL AND f.bounced AS bounced,
               f.failed AND f.sent_at IS NULL AS failed,
               f.ooo, f.unsubscribed, f.spent, f.refunded, f.released,
               f.spent - f.refunded - f.released AS net,
               CASE WHEN f.spent - f.refunded - f.released > 0 AND f.spent_at > :since
                    THEN f.spent - f.refunded - f.released ELSE 0 END AS in_window,
               (f.spent - f.refunded - f.released) * COALESCE(p.cost, 0) AS cost
        FROM attempts a JOIN facts f USING (enrolment_id, step_key)
        LEFT JOIN seats st ON st.id = a.seat_id
        LEFT JOIN plans p ON p.plan = COALESCE(st.plan, :defaultPlan)),
      replies AS (
        SELECT DISTINCT ON (s.enrolment_id) s.enrolment_id, s.step_key, s.occurred_at AS at,
               COALESCE(COALESCE(c.override_class, c.rule_class) = 'POSITIVE', false) AS positive,
               c.override_class IS NOT NULL AS overridden
        FROM scoped s LEFT JOIN reply_classifications c ON c.event_id = s.id
        WHERE s.type = 'response.replied'
        ORDER BY s.enrolment_id, s.occurred_at, s.seq),
      meetings AS (
        SELECT DISTINCT ON (enrolment_id) enrolment_id, step_key, occurred_at AS at
        FROM scoped WHERE type = 'meeting.booked'
        ORDER BY enrolment_id, occurred_at, seq),
      """;

  /** Units are delivered messages; the reply and meeting count on the message attributed. */
  private static final String MESSAGE_UNITS =
      """
      units AS (
        SELECT m.%s AS key, m.delivered, r.at IS NOT NULL AS replied,
               COALESCE(r.positive, false) AS positive, COALESCE(r.overridden, false) AS overridden,
               EXTRACT(EPOCH FROM r.at - m.sent_at) AS ttfr, mt.enrolment_id IS NOT NULL AS met,
               m.delivered AND m.ooo AS ooo, m.bounced, m.unsubscribed AS unsub, m.failed,
               m.spent, m.refunded, m.released, m.net, m.in_window, m.cost
        FROM messages m
        LEFT JOIN replies r ON r.enrolment_id = m.enrolment_id AND r.step_key = m.step_key
             AND m.delivered AND r.at >= m.sent_at
        LEFT JOIN meetings mt ON mt.enrolment_id = m.enrolment_id AND mt.step_key = m.step_key
             AND m.delivered)
      """;

  /**
   * Units are enrolments with a message attempted in the period; their dimensions are those of
   * their first delivered message (or first attempt when none was delivered).
   */
  private static final String ENROLMENT_UNITS =
      """
      firsts AS (
        SELECT DISTINCT ON (enrolment_id) enrolment_id, segment, seat_id,
               CAST(campaign_id AS text) AS campaign_id, mailbox_id
        FROM messages ORDER BY enrolment_id, delivered DESC, at),
      per_enrolment AS (
        SELECT enrolment_id, bool_or(delivered) AS delivered,
               min(sent_at) FILTER (WHERE delivered) AS first_sent,
               bool_or(bounced) AS bounced, bool_or(failed) AS failed,
               sum(spent) AS spent, sum(refunded) AS refunded, sum(released) AS released,
               sum(net) AS net, sum(in_window) AS in_window, sum(cost) AS cost
        FROM messages GROUP BY enrolment_id),
      flags AS (
        SELECT enrolment_id, bool_or(type = 'response.auto_replied') AS ooo,
               bool_or(type = 'prospect.unsubscribed') AS unsub
        FROM scoped WHERE type IN ('response.auto_replied', 'prospect.unsubscribed')
        GROUP BY enrolment_id),
      units AS (
        SELECT %s AS key, pe.delivered, r.at IS NOT NULL AS replied,
               COALESCE(r.positive, false) AS positive, COALESCE(r.overridden, false) AS overridden,
               EXTRACT(EPOCH FROM r.at - pe.first_sent) AS ttfr, mt.enrolment_id IS NOT NULL AS met,
               pe.delivered AND COALESCE(fl.ooo, false) AS ooo, pe.bounced,
               COALESCE(fl.unsub, false) AS unsub, pe.failed,
               pe.spent, pe.refunded, pe.released, pe.net, pe.in_window, pe.cost
        FROM per_enrolment pe JOIN firsts e USING (enrolment_id)
        LEFT JOIN replies r ON r.enrolment_id = pe.enrolment_id AND pe.delivered
             AND r.at >= pe.first_sent
        LEFT JOIN meetings mt ON mt.enrolment_id = pe.enrolment_id AND pe.delivered
        LEFT JOIN flags fl ON fl.enrolment_id = pe.enrolment_id)
      """;

  private static final String AGGREGATE =
      """
      SELECT key, GROUPING(key) = 1 AS total,
             count(*) FILTER (WHERE delivered) AS delivered,
             count(*) FILTER (WHERE replied) AS replies,
             count(*) FILTER (WHERE replied AND positive) AS positive,
             count(*) FILTER (WHERE replied AND overridden) AS overridden,
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
      FROM units GROUP BY GROUPING SETS %s
      ORDER BY total DESC, key NULLS LAST
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
    String base = BASE.formatted(target.scope().column(), plans(params));
    String enrolmentKey = by == null || by.messageLevel() ? "NULL" : "e." + by.column();
    List<Metrics> enrolmentRows =
        timed(
            by == null ? "totals" : by.wireName(),
            () ->
                query(
                    base
                        + ENROLMENT_UNITS.formatted(enrolmentKey)
                        + AGGREGATE.formatted("((key), ())"),
                    params));
    Metrics total = enrolmentRows.get(0);
    List<Metrics> rows;
    if (by == null) {
      rows = List.of();
    } else if (by.messageLevel()) {
      rows =
          timed(
              by.wireName(),
              () ->
                  query(
                      base + MESSAGE_UNITS.formatted(by.column()) + AGGREGATE.formatted("((key))"),
                      params));
    } else {
      rows = enrolmentRows.subList(1, enrolmentRows.size());
    }
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

  private List<Metrics> query(String sql, Map<String, Object> params) {
    return jdbc.sql(sql).params(params).query(Reports::metrics).list();
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
