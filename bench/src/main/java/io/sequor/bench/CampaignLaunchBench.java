package io.sequor.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Launches one campaign on a large audience through the API and reports how long the launch took,
 * enrolments per second, progress while it ran, and whether every prospect was decided once.
 */
final class CampaignLaunchBench {

  private static final Duration POLL = Duration.ofSeconds(2);

  private final Api api;
  private final JdbcClient jdbc;
  private final String sequenceId;
  private final Duration limit;

  CampaignLaunchBench(Api api, JdbcClient jdbc, String sequenceId, Duration limit) {
    this.api = api;
    this.jdbc = jdbc;
    this.sequenceId = sequenceId;
    this.limit = limit;
  }

  void run(int audience, int pageSize, String run) throws Exception {
    String company = "bench-campaign-" + run;
    // Set-up, not measured: the audience is written straight to the store.
    jdbc.sql(
            "INSERT INTO prospects (id, email, linkedin_url, first_name, company, fields,"
                + " created_at, updated_at)"
                + " SELECT gen_random_uuid(), ? || '-' || n || '@example.com',"
                + " 'https://www.linkedin.com/in/' || ? || '-' || n, 'Ada', ?,"
                + " '{\"trigger\": \"your new role\"}'::jsonb, now(), now()"
                + " FROM generate_series(1, ?) AS n")
        .params(company, company, company, audience)
        .update();
    HttpResponse<String> created =
        api.post(
            "/api/campaigns",
            Map.of(
                "name",
                company,
                "sequenceId",
                sequenceId,
                "audience",
                Map.of("filter", Map.of("company", company)),
                "pace",
                Map.of("pageSize", pageSize, "pageInterval", "PT0S")),
            null,
            Duration.ofSeconds(30));
    Api.expect(created, 201);
    String id = api.read(created).path("id").asString();
    long start = System.nanoTime();
    Api.expect(
        api.post("/api/campaigns/" + id + "/launch", Map.of(), null, Duration.ofSeconds(30)), 202);
    JsonNode campaign;
    long deadline = start + limit.toNanos();
    while (true) {
      Thread.sleep(POLL.toMillis());
      campaign = api.read(api.get("/api/campaigns/" + id));
      JsonNode p = campaign.path("progress");
      System.out.printf(
          "  %5.1f s  %-9s enrolled %6d  skipped %4d  remaining %6d%n",
          (System.nanoTime() - start) / 1e9,
          campaign.path("phase").asString(),
          p.path("enrolled").asLong(),
          p.path("skipped").asLong(),
          p.path("remaining").asLong());
      if (!campaign.path("phase").asString().equals("LAUNCHING") || System.nanoTime() > deadline) {
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode p = campaign.path("progress");
    long enrolled = p.path("enrolled").asLong();
    long rows =
        jdbc.sql("SELECT count(*) FROM enrolments WHERE campaign_id = ?")
            .param(UUID.fromString(id))
            .query(Long.class)
            .single();
    long distinct =
        jdbc.sql("SELECT count(DISTINCT prospect_id) FROM enrolments WHERE campaign_id = ?")
            .param(UUID.fromString(id))
            .query(Long.class)
            .single();
    System.out.printf(
        "  launch of %d prospects: %s after %.1f s (polled every %d s), %.1f enrolments/s%n",
        audience, campaign.path("phase").asString(), seconds, POLL.toSeconds(), enrolled / seconds);
    System.out.printf(
        "  enrolled %d, skipped %d %s; %d enrolment rows for %d distinct prospects%n",
        enrolled, p.path("skipped").asLong(), p.path("skippedBy"), rows, distinct);
  }
}
