package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Done-when 1 of the metrics issue: 200 enrolments on the canonical play, one seat of their own,
 * answers scripted on the LinkedIn sandbox and recorded for email the way a mail reader records
 * them; the report's numbers are then exactly those computed here from the script and the sends'
 * own times. Ten groups of twenty, by position:
 *
 * <ol start="0">
 *   <li>credit spent; replies on LinkedIn 6 h after the InMail, agreeing to a call (positive;
 *       stops, refunds); five book a meeting
 *   <li>Open Profile; replies "not interested" on LinkedIn 30 h after the InMail, after the day-1
 *       email went out
 *   <li>credit spent; out-of-office email 4 h after the day-1 email (pauses, refunds)
 *   <li>credit spent; the day-1 email bounces (no refund)
 *   <li>Open Profile; asks for the deck by email 3 h after the day-1 email (positive; stops); three
 *       book a meeting
 *   <li>Open Profile; unsubscribes 2 h after the day-1 email (stops)
 *   <li>credit spent; declines the InMail 10 h after it (a human reply; stops, refunds)
 *   <li>credit spent; silent
 *   <li>Open Profile; silent (and 9 likewise)
 * </ol>
 *
 * The clock is moved 31 hours in all, so only day-0-inmail and email-day-1 go out. Then a person
 * overrides three classifications (done-when 2): two of the deck requests to negative, one "not
 * interested" to positive, and the positive counts move with them, marked as overridden.
 */
class ReportsScenarioTest extends EmbeddedRuntimeTest {

  private static final int GROUP = 20;
  private static final Duration SETTLE = Duration.ofSeconds(120);

  @Test
  void aSeededScenarioYieldsExactlyTheHandComputedMetrics() throws Exception {
    String seat = newSeat("recruiter-corporate");
    String sequence = canonicalSequenceId();
    // Four at a time: the API takes them in parallel like a client's import would.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> enrolled = new ArrayList<>();
    for (int i = 0; i < 10 * GROUP; i++) {
      int group = i % 10;
      Map<String, Object> prospect = prospect("report-" + i);
      enrolled.add(pool.submit(() -> seed(prospect, group, sequence, seat)));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> id : enrolled) {
      ids.add(id.get());
    }
    pool.shutdown();
    awaitAll(ids, e -> sent(e, "day-0-inmail"));

    advance(Duration.ofHours(12));
    awaitAll(group(ids, 0, 6), e -> e.path("status").asString().equals("STOPPED"));
    advance(Duration.ofHours(13));
    List<String> emailed = new ArrayList<>();
    for (int g : new int[] {1, 2, 3, 4, 5, 7, 8, 9}) {
      emailed.addAll(group(ids, g));
    }
    awaitAll(emailed, e -> sent(e, "email-day-1"));
    advance(Duration.ofHours(6));

    Map<String, JsonNode> facts = new HashMap<>();
    for (String id : emailed) {
      facts.put(id, enrolment(id));
    }
    for (String id : group(ids, 2)) {
      Instant email = sentAt(facts.get(id), "email-day-1");
      respond(
          id,
          Map.of(
              "channel",
              "EMAIL",
              "kind",
              "AUTO_REPLY",
              "occurredAt",
              email.plus(Duration.ofHours(4)).toString(),
              "returnAt",
              clock.now().plus(Duration.ofDays(2)).toString()));
    }
    for (String id : group(ids, 3)) {
      Instant email = sentAt(facts.get(id), "email-day-1");
      respond(
          id,
          Map.of(
              "channel", "EMAIL",
              "kind", "BOUNCE",
              "occurredAt", email.plus(Duration.ofHours(1)).toString()));
    }
    for (String id : group(ids, 4)) {
      Instant email = sentAt(facts.get(id), "email-day-1");
      respond(
          id,
          Map.of(
              "channel", "EMAIL",
              "kind", "REPLY",
              "text", "Send me the deck.",
              "occurredAt", email.plus(Duration.ofHours(3)).toString()));
    }
    for (String id : group(ids, 5)) {
      Instant email = sentAt(facts.get(id), "email-day-1");
      respond(
          id,
          Map.of(
              "channel", "EMAIL",
              "kind", "UNSUBSCRIBE",
              "occurredAt", email.plus(Duration.ofHours(2)).toString()));
    }
    List<String> stopping = new ArrayList<>();
    for (int g : new int[] {1, 4, 5}) {
      stopping.addAll(group(ids, g));
    }
    awaitAll(stopping, e -> e.path("status").asString().equals("STOPPED"));
    awaitAll(group(ids, 2), e -> e.path("status").asString().equals("PAUSED"));
    awaitAll(group(ids, 0, 2, 6), e -> e.path("credits").path("refunded").asInt() == 1);

    // By hand: every enrolment's first reply, from the sends' and responses' own times.
    List<Double> total = new ArrayList<>();
    List<Double> onInMail = new ArrayList<>();
    List<Double> onEmail = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      int g = i % 10;
      if (g != 0 && g != 1 && g != 4 && g != 6) {
        continue;
      }
      JsonNode e = enrolment(ids.get(i));
      Instant inMail = sentAt(e, "day-0-inmail");
      Instant reply = instant(e.path("responses").get(0).path("occurredAt"));
      total.add(seconds(inMail, reply));
      if (g == 4) {
        onEmail.add(seconds(sentAt(e, "email-day-1"), reply));
      } else {
        onInMail.add(seconds(inMail, reply));
      }
    }
    assertThat(onEmail).as("email replies 3 h after their email").allMatch(s -> s == 10800.0);

    JsonNode report = get("/api/reports/seats/" + seat + "?by=step").body();
    JsonNode t = report.path("total");
    assertThat(report.path("unit").asString()).isEqualTo("MESSAGE");
    assertThat(t.path("delivered").asLong()).isEqualTo(200);
    assertThat(t.path("replies").asLong()).as("groups 0, 1, 4 and 6").isEqualTo(80);
    assertThat(t.path("replyRate").asDouble()).isEqualTo(0.4);
    assertThat(t.path("outOfOffice").asLong()).isEqualTo(20);
    assertThat(t.path("bounces").asLong()).isEqualTo(20);
    assertThat(t.path("unsubscribes").asLong()).isEqualTo(20);
    assertThat(t.path("failedSends").asLong()).isZero();
    assertThat(t.path("credits").path("spent").asLong()).as("groups 0, 2, 3, 6, 7").isEqualTo(100);
    assertThat(t.path("credits").path("refunded").asLong()).as("groups 0, 2, 6").isEqualTo(60);
    assertThat(t.path("credits").path("released").asLong()).isZero();
    assertThat(t.path("credits").path("net").asLong()).isEqualTo(40);
    assertThat(t.path("credits").path("inRefundWindow").asLong()).isEqualTo(40);
    assertThat(t.path("money").path("cost").decimalValue()).isEqualByComparingTo("400.00");
    assertThat(t.path("money").path("costPerReply").decimalValue()).isEqualByComparingTo("5.00");
    assertThat(t.path("money").path("costPerMeeting").isNull()).isTrue();
    assertThat(t.path("health").path("replyRate").path("level").asString()).isEqualTo("HEALTHY");
    JsonNode ttfr = t.path("timeToFirstReply");
    assertThat(ttfr.path("medianSeconds").asDouble())
        .isCloseTo(percentile(total, 0.5), within(1e-3));
    assertThat(ttfr.path("p25Seconds").asDouble()).isCloseTo(percentile(total, 0.25), within(1e-3));
    assertThat(ttfr.path("p75Seconds").asDouble()).isCloseTo(percentile(total, 0.75), within(1e-3));
    assertThat(ttfr.path("distribution").path("under24h").asLong()).as("groups 0, 6").isEqualTo(40);
    assertThat(ttfr.path("distribution").path("from24hTo72h").asLong()).isEqualTo(40);

    assertThat(report.path("rows"))
        .extracting(r -> r.path("key").asString())
        .containsExactly("day-0-inmail", "email-day-1");
    JsonNode inMail = report.path("rows").get(0);
    assertThat(inMail.path("delivered").asLong()).isEqualTo(200);
    assertThat(inMail.path("replies").asLong()).as("groups 0, 1, 6").isEqualTo(60);
    assertThat(inMail.path("outOfOffice").asLong()).isZero();
    assertThat(inMail.path("credits").path("spent").asLong()).isEqualTo(100);
    assertThat(inMail.path("credits").path("net").asLong()).isEqualTo(40);
    assertThat(inMail.path("timeToFirstReply").path("medianSeconds").asDouble())
        .isCloseTo(percentile(onInMail, 0.5), within(1e-3));
    JsonNode email = report.path("rows").get(1);
    assertThat(email.path("delivered").asLong()).as("160 sent, 20 bounced").isEqualTo(140);
    assertThat(email.path("bounces").asLong()).isEqualTo(20);
    assertThat(email.path("replies").asLong()).as("group 4").isEqualTo(20);
    assertThat(email.path("outOfOffice").asLong()).as("group 2").isEqualTo(20);
    assertThat(email.path("unsubscribes").asLong()).as("group 5").isEqualTo(20);
    assertThat(email.path("timeToFirstReply").path("medianSeconds").asDouble()).isEqualTo(10800.0);
    assertThat(email.path("credits").path("spent").asLong()).isZero();

    JsonNode byChannel = get("/api/reports/seats/" + seat + "?by=channel").body();
    assertThat(byChannel.path("rows"))
        .extracting(r -> r.path("key").asString() + "=" + r.path("delivered").asLong())
        .containsExactly("EMAIL=140", "LINKEDIN_INMAIL=200");

    JsonNode series = get("/api/reports/seats/" + seat + "/series").body();
    long delivered = 0;
    long replies = 0;
    long spent = 0;
    for (JsonNode day : series.path("days")) {
      delivered += day.path("delivered").asLong();
      replies += day.path("replies").asLong();
      spent += day.path("creditsSpent").asLong();
    }
    assertThat(delivered).as("messages delivered over the days").isEqualTo(340);
    assertThat(replies).isEqualTo(80);
    assertThat(spent).isEqualTo(100);

    // Classified by the rule set: group 0 agrees to a call, group 4 asks for the deck (both
    // positive by default); group 1 is not interested and group 6 declined (negative).
    assertThat(t.path("positiveReplies").asLong()).as("groups 0 and 4").isEqualTo(40);
    assertThat(t.path("overridden").asLong()).isZero();
    assertThat(inMail.path("positiveReplies").asLong()).as("group 0").isEqualTo(20);
    assertThat(email.path("positiveReplies").asLong()).as("group 4").isEqualTo(20);

    for (String id : group(ids, 0).subList(0, 5)) {
      assertThat(post("/api/meetings", Map.of("enrolmentId", id)).status()).isEqualTo(201);
    }
    for (String id : group(ids, 4).subList(0, 3)) {
      assertThat(post("/api/meetings", Map.of("enrolmentId", id)).status()).isEqualTo(201);
    }
    for (String id : group(ids, 4).subList(10, 12)) {
      assertThat(override(id, "NEGATIVE")).isEqualTo(200);
    }
    assertThat(override(group(ids, 1).get(0), "POSITIVE")).isEqualTo(200);

    JsonNode after = get("/api/reports/seats/" + seat + "?by=step").body();
    JsonNode t2 = after.path("total");
    assertThat(t2.path("replies").asLong()).as("overrides change no reply count").isEqualTo(80);
    assertThat(t2.path("positiveReplies").asLong()).as("40 - 2 + 1").isEqualTo(39);
    assertThat(t2.path("overridden").asLong()).isEqualTo(3);
    assertThat(t2.path("meetings").asLong()).isEqualTo(8);
    assertThat(t2.path("meetingRate").asDouble()).isEqualTo(0.04);
    assertThat(t2.path("money").path("costPerPositiveReply").decimalValue())
        .as("400 / 39")
        .isEqualByComparingTo("10.26");
    assertThat(t2.path("money").path("costPerMeeting").decimalValue())
        .isEqualByComparingTo("50.00");
    JsonNode inMail2 = after.path("rows").get(0);
    assertThat(inMail2.path("positiveReplies").asLong()).isEqualTo(21);
    assertThat(inMail2.path("overridden").asLong()).isEqualTo(1);
    assertThat(inMail2.path("meetings").asLong()).isEqualTo(5);
    JsonNode email2 = after.path("rows").get(1);
    assertThat(email2.path("positiveReplies").asLong()).isEqualTo(18);
    assertThat(email2.path("overridden").asLong()).isEqualTo(2);
    assertThat(email2.path("meetings").asLong()).isEqualTo(3);
    assertThat(email2.path("outOfOffice").asLong()).as("never a reply").isEqualTo(20);

    for (String id : ids) {
      if (!enrolment(id).path("status").asString().equals("STOPPED")) {
        assertThat(post("/api/enrolments/" + id + "/stop", Map.of()).status()).isEqualTo(200);
      }
    }
  }

  @Nested
  class Api {
    @Test
    void answersCsvForFormatOrAcceptWithOneLinePerRowAndATotal() throws Exception {
      String seat = newSeat("recruiter-corporate");
      Map<String, Object> prospect = prospect("report-csv");
      String id = enrolOn(canonicalSequenceId(), prospect, seat);
      awaitStep(id, "day-0-inmail", "SENT");

      HttpResponse<String> byFormat =
          raw("/api/reports/seats/" + seat + "?by=step&format=csv", "*/*");
      HttpResponse<String> byAccept = raw("/api/reports/seats/" + seat + "?by=step", "text/csv");

      assertThat(byFormat.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/csv");
      List<String> lines = byFormat.body().lines().toList();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("line,dimension,value,delivered,replies,replyRate");
      assertThat(lines.get(1)).startsWith("row,step,day-0-inmail,1,0,");
      assertThat(lines.get(2)).startsWith("total,,,1,0,");
      assertThat(byAccept.body()).isEqualTo(byFormat.body());
      post("/api/enrolments/" + id + "/stop", Map.of());
    }

    @Test
    void namesEveryBadParameterAndNeverFails() throws Exception {
      String seat = newSeat("recruiter-corporate");

      Reply bad =
          get("/api/reports/seats/" + seat + "?from=monday&to=2026-02-30&by=week&zone=Moon/Base");
      Reply badSeries = get("/api/reports/seats/" + seat + "/series?zone=Nowhere/Land&from=x");

      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().path("errors"))
          .extracting(e -> e.path("field").asString())
          .containsExactlyInAnyOrder("from", "to", "by", "zone");
      assertThat(badSeries.status()).isEqualTo(400);
      assertThat(badSeries.body().path("errors"))
          .extracting(e -> e.path("field").asString())
          .containsExactlyInAnyOrder("from", "zone");
      assertThat(raw("/api/reports/seats/" + seat + "?by=week", "text/csv").statusCode())
          .as("a CSV client's mistake")
          .isEqualTo(400);
      assertThat(get("/api/reports/seats/no-such-seat").status()).isEqualTo(404);
      assertThat(get("/api/reports/campaigns/" + java.util.UUID.randomUUID()).status())
          .isEqualTo(404);
    }

    @Test
    void thePrometheusEndpointCountsEventsAndTimesReports() throws Exception {
      String seat = newSeat("recruiter-corporate");
      String id = enrolOn(canonicalSequenceId(), prospect("report-metrics"), seat);
      awaitStep(id, "day-0-inmail", "SENT");
      double before = counter(raw("/actuator/prometheus", "text/plain").body(), "step.sent");
      String other = enrolOn(canonicalSequenceId(), prospect("report-metrics-2"), seat);
      awaitStep(other, "day-0-inmail", "SENT");
      assertThat(get("/api/reports/seats/" + seat + "?by=variant").status()).isEqualTo(200);

      String scrape = raw("/actuator/prometheus", "text/plain").body();

      assertThat(counter(scrape, "step.sent")).isGreaterThanOrEqualTo(before + 1);
      assertThat(scrape).contains("sequor_report_query_seconds_count{report=\"variant\"}");
      assertThat(scrape).doesNotContain("example.com");
      post("/api/enrolments/" + id + "/stop", Map.of());
      post("/api/enrolments/" + other + "/stop", Map.of());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Sets the member's behaviour for its group on the sandbox, then enrols it on the seat. */
  private String seed(Map<String, Object> prospect, int group, String sequence, String seat) {
    Map<String, Object> behaviour = new HashMap<>();
    behaviour.put("openProfile", group == 1 || group == 4 || group == 5 || group >= 8);
    switch (group) {
      case 0 ->
          behaviour.put(
              "script", List.of(answer("REPLY", "PT6H", "Happy to chat, does Tuesday work?")));
      case 1 ->
          behaviour.put("script", List.of(answer("REPLY", "PT30H", "Not interested, thanks.")));
      case 6 -> behaviour.put("script", List.of(answer("INMAIL_DECLINED", "PT10H")));
      default -> {}
    }
    Reply set = put(profile(prospect.get("linkedinUrl")), behaviour);
    assertThat(set.status()).as("profile: %s", set.body()).isEqualTo(200);
    return enrolOn(sequence, prospect, seat);
  }

  /** A person's classification of the enrolment's reply; answers the status. */
  private int override(String enrolmentId, String classification) {
    JsonNode reply = get("/api/replies?enrolmentId=" + enrolmentId).body().path("items").get(0);
    return put(
            "/api/replies/" + reply.path("responseId").asString() + "/classification",
            Map.of("classification", classification))
        .status();
  }

  private static Map<String, Object> answer(String kind, String after) {
    return Map.of("on", "INMAIL", "respond", kind, "after", after);
  }

  private static Map<String, Object> answer(String kind, String after, String text) {
    return Map.of("on", "INMAIL", "respond", kind, "after", after, "text", text);
  }

  private static String profile(Object url) {
    return "/api/dev/linkedin/profiles?url="
        + URLEncoder.encode((String) url, StandardCharsets.UTF_8);
  }

  private static List<String> group(List<String> ids, int... groups) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      for (int g : groups) {
        if (i % 10 == g) {
          out.add(ids.get(i));
        }
      }
    }
    return out;
  }

  private void awaitAll(List<String> ids, Predicate<JsonNode> done) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              List<String> waiting = new ArrayList<>();
              for (String id : ids) {
                if (!done.test(enrolment(id))) {
                  waiting.add(id);
                }
              }
              assertThat(waiting).as("enrolments still waiting").isEmpty();
            });
  }

  private boolean sent(JsonNode enrolment, String step) {
    return step(enrolment, step).path("status").asString().equals("SENT");
  }

  private Instant sentAt(JsonNode enrolment, String step) {
    return instant(step(enrolment, step).path("sentAt"));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    double position = p * (sorted.size() - 1);
    int low = (int) Math.floor(position);
    int high = (int) Math.ceil(position);
    return sorted.get(low) + (position - low) * (sorted.get(high) - sorted.get(low));
  }

  private HttpResponse<String> raw(String path, String accept) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .header("Accept", accept)
            .GET()
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The value of sequor_events_total for a type in a Prometheus scrape. */
  private static double counter(String scrape, String type) {
    String prefix = "sequor_events_total{type=\"" + type + "\"}";
    return scrape
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).strip()))
        .findFirst()
        .orElse(0);
  }
}
