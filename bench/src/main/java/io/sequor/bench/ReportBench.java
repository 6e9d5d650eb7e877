package io.sequor.bench;

import io.sequor.domain.reports.Breakdown;
import io.sequor.domain.reports.Range;
import io.sequor.domain.reports.Report;
import io.sequor.domain.reports.ReportCsv;
import io.sequor.domain.reports.Reports;
import io.sequor.domain.reports.Scope;
import io.sequor.domain.workspaces.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Report queries on {@code bench.report-events} (100,000) events seeded with SQL into an embedded
 * Sequor: 8 events for each of 12,500 enrolments over 180 days, across 5 campaigns, 4 seats, 6
 * segments, 2 variants and 3 mailboxes. Times the totals, each breakdown, the series and the CSV
 * for a campaign, a seat and the whole sequence, and prints whether each stays under the budget
 * ({@code bench.report-budget}, 1 s). See docs/benchmarks.md.
 */
public final class ReportBench {

  private static final int EVENTS_PER_ENROLMENT = 8;
  private static final int RUNS = 5;

  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.getInteger("bench.report-events", 100_000);
    Duration budget = Duration.parse(System.getProperty("bench.report-budget", "PT1S"));
    System.out.println("== Sequor report benchmark");
    System.out.println(Machine.describe());
    System.out.printf(
        "run:     %d events, budget %d ms per query (judged on the median of %d runs after one warm-up)%n",
        events, budget.toMillis(), RUNS);
    ConfigurableApplicationContext context = SequorBench.start(SequorBench.freePorts(4));
    int exit = 0;
    try {
      exit = run(context, events, budget) ? 0 : 2;
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      context.close();
    }
    System.exit(exit);
  }

  private static boolean run(ConfigurableApplicationContext context, int events, Duration budget)
      throws Exception {
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    Reports reports = context.getBean(Reports.class);
    int enrolments = events / EVENTS_PER_ENROLMENT;
    long t0 = System.nanoTime();
    seed(jdbc, enrolments);
    long seeded =
        jdbc.sql("SELECT count(*) FROM events WHERE idempotency_key LIKE 'bench:%'")
            .query(Long.class)
            .single();
    System.out.printf(
        "seeded %d events for %d enrolments in %.1f s%n",
        seeded, enrolments, (System.nanoTime() - t0) / 1e9);

    String sequence =
        jdbc.sql("SELECT CAST(sequence_id AS text) FROM enrolments WHERE id = ?")
            .param(enrolmentId(0))
            .query(String.class)
            .single();
    List<Report.Target> targets =
        List.of(
            new Report.Target(Workspaces.DEFAULT, Scope.CAMPAIGN, campaignId(0).toString()),
            new Report.Target(Workspaces.DEFAULT, Scope.SEAT, "bench-seat-0"),
            new Report.Target(Workspaces.DEFAULT, Scope.SEQUENCE, sequence));
    Range all = new Range(null, null, java.time.ZoneOffset.UTC);
    Range quarter = Range.parse("2026-02-01", "2026-05-01", "UTC");
    boolean held = true;
    System.out.println();
    System.out.printf(
        "%-10s %-10s %-12s %10s %10s  %s%n",
        "scope", "range", "query", "median ms", "max ms", "rows");
    for (Report.Target target : targets) {
      for (Range range : List.of(all, quarter)) {
        String period = range.from() == null ? "all time" : "a quarter";
        List<Breakdown> breakdowns = new ArrayList<>();
        breakdowns.add(null);
        breakdowns.addAll(List.of(Breakdown.values()));
        for (Breakdown by : breakdowns) {
          held &=
              time(
                  target,
                  period,
                  by == null ? "totals" : "by " + by.wireName(),
                  budget,
                  () -> reports.report(target, range, by).rows().size());
        }
        held &=
            time(
                target,
                period,
                "series",
                budget,
                () -> reports.series(target, range).days().size());
        held &=
            time(
                target,
                period,
                "csv by step",
                budget,
                () ->
                    (int)
                        ReportCsv.write(reports.report(target, range, Breakdown.STEP))
                            .lines()
                            .count());
      }
    }
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    String key = context.getEnvironment().getProperty("sequor.api.bootstrap-key");
    HttpClient http = HttpClient.newHttpClient();
    held &=
        time(
            targets.get(1),
            "all time",
            "HTTP csv",
            budget,
            () -> {
              try {
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create(
                                    "http://127.0.0.1:"
                                        + port
                                        + "/api/reports/seats/bench-seat-0?by=segment&format=csv"))
                            .header("Authorization", "Bearer " + key)
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                Api.expect(response, 200);
                return (int) response.body().lines().count();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    System.out.println();
    System.out.println(
        held
            ? "budget held: every query under " + budget.toMillis() + " ms"
            : "budget NOT held: see the queries marked OVER");
    return held;
  }

  private static boolean time(
      Report.Target target, String period, String query, Duration budget, Supplier<Integer> run) {
    run.get();
    long[] nanos = new long[RUNS];
    int rows = 0;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      rows = run.get();
      nanos[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(nanos);
    double median = nanos[RUNS / 2] / 1e6;
    double max = nanos[RUNS - 1] / 1e6;
    boolean under = median <= budget.toMillis();
    System.out.printf(
        "%-10s %-10s %-12s %10.1f %10.1f  %d%s%n",
        target.scope().wireName(), period, query, median, max, rows, under ? "" : "  OVER");
    return under;
  }

  /**
   * Prospects, enrolments and their events, with generate_series. Enrolment k: enrolled; a credit
   * for its day-0 InMail (two in three); the InMail (variant A or B); the day-1 email; the day-3
   * bump; then by k mod 10 a reply (0, 1), an out-of-office (2), a bounce (3), an unsubscribe (4)
   * or a failed day-5 email; then a refund (0-2), a release (5) or the finish; then a meeting (one
   * in twenty) or the finish.
   */
  private static void seed(JdbcClient jdbc, int enrolments) {
    String sequence =
        jdbc.sql("SELECT CAST(id AS text) FROM sequences ORDER BY created_at LIMIT 1")
            .query(String.class)
            .single();
    String version =
        jdbc.sql(
                "SELECT CAST(id AS text) FROM sequence_versions WHERE sequence_id = CAST(? AS uuid)"
                    + " ORDER BY version DESC LIMIT 1")
            .param(sequence)
            .query(String.class)
            .single();
    for (int s = 0; s < 4; s++) {
      jdbc.sql(
              "INSERT INTO seats (id, name, created_at, plan, workspace_id)"
                  + " VALUES (?, ?, now(), 'bench-plenty', ?) ON CONFLICT DO NOTHING")
          .params("bench-seat-" + s, "bench seat " + s, Workspaces.DEFAULT)
          .update();
    }
    jdbc.sql(
            "INSERT INTO prospects (id, email, segment, created_at, updated_at, workspace_id)"
                + " SELECT CAST(md5('p' || k) AS uuid), 'bench-' || k || '@example.com',"
                + " 'segment-' || (k % 6), now(), now(), :ws"
                + " FROM generate_series(0, :n - 1) k")
        .param("ws", Workspaces.DEFAULT)
        .param("n", enrolments)
        .update();
    jdbc.sql(
            "INSERT INTO enrolments (id, prospect_id, sequence_id, sequence_version_id, seat_id,"
                + " status, created_at, updated_at, workspace_id)"
                + " SELECT CAST(md5('e' || k) AS uuid), CAST(md5('p' || k) AS uuid),"
                + " CAST(:seq AS uuid), CAST(:ver AS uuid), 'bench-seat-' || (k % 4), 'STOPPED',"
                + " now(), now(), :ws FROM generate_series(0, :n - 1) k")
        .param("seq", sequence)
        .param("ver", version)
        .param("ws", Workspaces.DEFAULT)
        .param("n", enrolments)
        .update();
    jdbc.sql(
            """
            INSERT INTO events (id, workspace_id, type, enrolment_id, campaign_id, sequence_id,
                sequence_version_id, step_key, channel, seat_id, mailbox_id, segment, variant,
                occurred_at, recorded_at, idempotency_key, data)
            SELECT gen_random_uuid(), :ws, x.type, CAST(md5('e' || k) AS uuid),
                   CAST(md5('c' || (k % 5)) AS uuid), CAST(:seq AS uuid), CAST(:ver AS uuid),
                   x.step, x.channel, 'bench-seat-' || (k % 4), 'bench-mailbox-' || (k % 3),
                   'segment-' || (k % 6), CASE WHEN j = 3 THEN chr(65 + k % 2) END,
                   x.at, x.at, 'bench:' || k || ':' || j, '{}'
            FROM generate_series(0, :n - 1) k CROSS JOIN generate_series(1, 8) j
            CROSS JOIN LATERAL (
              SELECT timestamptz '2026-01-01 08:00Z' + (k % 180) * interval '1 day'
                     + (k % 7) * interval '1 hour' AS t0) base
            CROSS JOIN LATERAL (
              SELECT CASE j
                       WHEN 1 THEN 'enrolment.enrolled'
                       WHEN 2 THEN CASE WHEN k % 3 = 0 THEN 'enrolment.finished'
                                        ELSE 'credit.spent' END
                       WHEN 3 THEN 'step.sent' WHEN 4 THEN 'step.sent' WHEN 5 THEN 'step.sent'
                       WHEN 6 THEN CASE k % 10 WHEN 0 THEN 'response.replied'
                                    WHEN 1 THEN 'response.replied'
                                    WHEN 2 THEN 'response.auto_replied'
                                    WHEN 3 THEN 'response.bounced'
                                    WHEN 4 THEN 'prospect.unsubscribed' ELSE 'step.failed' END
                       WHEN 7 THEN CASE WHEN k % 10 < 3 AND k % 3 <> 0 THEN 'credit.refunded'
                                        WHEN k % 10 = 5 AND k % 3 <> 0 THEN 'credit.released'
                                        ELSE 'enrolment.finished' END
                       ELSE CASE WHEN k % 20 = 0 THEN 'meeting.booked'
                                 ELSE 'enrolment.finished' END
                     END AS type,
                     CASE WHEN j IN (2, 3, 7, 8) THEN 'day-0-inmail'
                          WHEN j = 4 THEN 'email-day-1' WHEN j = 5 THEN 'day-3-bump'
                          WHEN j = 6 THEN CASE WHEN k % 10 < 2 THEN 'day-0-inmail'
                                               WHEN k % 10 < 5 THEN 'email-day-1'
                                               ELSE 'email-day-5' END END AS step,
                     CASE WHEN j IN (3, 5) THEN 'LINKEDIN_INMAIL' WHEN j = 4 THEN 'EMAIL'
                          WHEN j = 6 THEN CASE WHEN k % 10 < 2 THEN 'LINKEDIN' ELSE 'EMAIL' END
                     END AS channel,
                     base.t0 + CASE j WHEN 4 THEN interval '1 day' WHEN 5 THEN interval '3 days'
                                      WHEN 6 THEN interval '3 days 4 hours' + (k % 50) * interval '1 hour'
                                      WHEN 7 THEN interval '4 days' WHEN 8 THEN interval '6 days'
                                      ELSE (j - 1) * interval '1 minute' END AS at) x
            """)
        .param("ws", Workspaces.DEFAULT)
        .param("seq", sequence)
        .param("ver", version)
        .param("n", enrolments)
        .update();
    jdbc.sql("ANALYZE events").update();
  }

  private static UUID enrolmentId(int k) {
    return md5Uuid("e" + k);
  }

  private static UUID campaignId(int k) {
    return md5Uuid("c" + k);
  }

  /** The uuid PostgreSQL makes of md5(text): the hash's 32 hex digits read as a uuid. */
  private static UUID md5Uuid(String text) {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes());
      String hex = java.util.HexFormat.of().formatHex(hash);
      return UUID.fromString(
          hex.substring(0, 8)
              + "-"
              + hex.substring(8, 12)
              + "-"
              + hex.substring(12, 16)
              + "-"
              + hex.substring(16, 20)
              + "-"
              + hex.substring(20));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
