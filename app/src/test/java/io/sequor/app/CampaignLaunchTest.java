package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.prospects.ProspectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Campaigns launched on the embedded runtime: exactly-once enrolment, skips, pause and cancel. */
class CampaignLaunchTest extends EmbeddedRuntimeTest {

  @Autowired ProspectStore prospects;
  @Autowired JdbcClient jdbc;

  @Test
  void everyProspectIsEnrolledOnceOrSkippedWithItsReasonAndProgressShowsWhileItRuns() {
    String sequenceId = twoEmails();
    List<UUID> audience = new ArrayList<>();
    Set<UUID> good = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      UUID id = newProspect("good" + i, "Acme " + i, true).id();
      audience.add(id);
      good.add(id);
    }
    UUID noCompany = newProspect("nocompany", null, true).id();
    Prospect suppressed = newProspect("suppressed", "Acme", true);
    prospects.suppress(suppressed, "unsubscribed");
    Prospect bounced = newProspect("bounced", "Acme", true);
    prospects.markEmailUndeliverable(bounced.id());
    Prospect busy = newProspect("busy", "Acme", true);
    String otherSequence = twoEmails();
    enrolExisting(otherSequence, busy.id());
    Prospect already = newProspect("already", "Acme", true);
    enrolExisting(sequenceId, already.id());
    audience.addAll(List.of(noCompany, suppressed.id(), bounced.id(), busy.id(), already.id()));

    String campaignId = createCampaign(sequenceId, audience, Map.of(), 4, "PT0.25S");
    assertThat(get("/api/campaigns/" + campaignId).body().path("phase").asString())
        .isEqualTo("DRAFT");
    Reply launched = post("/api/campaigns/" + campaignId + "/launch", Map.of());
    assertThat(launched.status()).as("%s", launched.body()).isEqualTo(202);
    assertThat(post("/api/campaigns/" + campaignId + "/launch", Map.of()).status())
        .as("a second launch is refused")
        .isEqualTo(409);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode progress = get("/api/campaigns/" + campaignId).body().path("progress");
              assertThat(progress.path("enrolled").asLong()).isBetween(1L, 29L);
              assertThat(progress.path("remaining").asLong()).isPositive();
            });
    JsonNode done = awaitPhase(campaignId, "LAUNCHED");
    JsonNode progress = done.path("progress");
    assertThat(progress.path("audience").asLong()).isEqualTo(35);
    assertThat(progress.path("enrolled").asLong()).isEqualTo(30);
    assertThat(progress.path("skipped").asLong()).isEqualTo(5);
    assertThat(progress.path("remaining").asLong()).isZero();
    assertThat(progress.path("skippedBy").path("MISSING_PLACEHOLDER").asLong()).isEqualTo(1);
    assertThat(progress.path("skippedBy").path("SUPPRESSED").asLong()).isEqualTo(1);
    assertThat(progress.path("skippedBy").path("INVALID_ADDRESS").asLong()).isEqualTo(1);
    assertThat(progress.path("skippedBy").path("ACTIVE_ELSEWHERE").asLong()).isEqualTo(1);
    assertThat(progress.path("skippedBy").path("ALREADY_ENROLLED").asLong()).isEqualTo(1);

    Map<UUID, JsonNode> decisions = members(campaignId, "");
    assertThat(decisions).hasSize(35);
    assertThat(decisions.get(noCompany).path("detail").asString()).contains("{{company}}");
    assertThat(decisions.get(busy.id()).path("reason").asString()).isEqualTo("ACTIVE_ELSEWHERE");
    for (UUID id : good) {
      assertThat(decisions.get(id).path("outcome").asString()).isEqualTo("ENROLLED");
    }
    // Exactly once: one enrolment per enrolled prospect, each with its workflow and first email.
    List<UUID> enrolled =
        jdbc.sql("SELECT prospect_id FROM enrolments WHERE campaign_id = ?")
            .param(UUID.fromString(campaignId))
            .query(UUID.class)
            .list();
    assertThat(enrolled)
        .hasSize(30)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(good);
    // The enrolment list pages with a cursor and filters by campaign: each enrolment once.
    List<UUID> listed = new ArrayList<>();
    String cursor = null;
    do {
      Reply page =
          get(
              "/api/enrolments?limit=7&campaignId="
                  + campaignId
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
      page.body()
          .path("items")
          .forEach(e -> listed.add(UUID.fromString(e.path("prospectId").asString())));
      cursor =
          page.body().path("nextCursor").isNull()
              ? null
              : page.body().path("nextCursor").asString();
    } while (cursor != null);
    assertThat(listed).hasSize(30).containsExactlyInAnyOrderElementsOf(good);
    Reply badCursor = get("/api/enrolments?cursor=not-a-cursor");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.body().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
    for (JsonNode member : decisions.values()) {
      if (member.path("outcome").asString().equals("ENROLLED")) {
        awaitStep(member.path("enrolmentId").asString(), "opener", "SENT");
      }
    }
  }

  @Test
  void pauseHoldsTheLaunchAndItsEnrolmentsAndResumeFinishesIt() {
    String sequenceId = twoEmails();
    List<UUID> audience = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      audience.add(newProspect("pause" + i, "Pause Co " + i, true).id());
    }
    String campaignId = createCampaign(sequenceId, audience, Map.of(), 3, "PT0.4S");
    post("/api/campaigns/" + campaignId + "/launch", Map.of());
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                get("/api/campaigns/" + campaignId)
                        .body()
                        .path("progress")
                        .path("enrolled")
                        .asLong()
                    > 0);
    Reply paused = post("/api/campaigns/" + campaignId + "/pause", Map.of());
    assertThat(paused.status()).as("%s", paused.body()).isEqualTo(202);
    JsonNode atPause = awaitPhase(campaignId, "PAUSED");
    long enrolledAtPause = atPause.path("progress").path("enrolled").asLong();
    assertThat(enrolledAtPause).isLessThan(24);
    for (JsonNode member : members(campaignId, "outcome=ENROLLED").values()) {
      awaitStatus(member.path("enrolmentId").asString(), "PAUSED");
    }
    sleep(Duration.ofMillis(1500));
    assertThat(
            get("/api/campaigns/" + campaignId).body().path("progress").path("enrolled").asLong())
        .as("nobody is enrolled while the campaign is paused")
        .isEqualTo(enrolledAtPause);

    assertThat(post("/api/campaigns/" + campaignId + "/resume", Map.of()).status()).isEqualTo(202);
    JsonNode done = awaitPhase(campaignId, "LAUNCHED");
    assertThat(done.path("progress").path("enrolled").asLong()).isEqualTo(24);
    for (JsonNode member : members(campaignId, "outcome=ENROLLED").values()) {
      awaitStatus(member.path("enrolmentId").asString(), "ACTIVE");
    }
  }

  @Test
  void cancelStopsTheLaunchAndEveryEnrolmentOfTheCampaign() {
    String sequenceId = twoEmails();
    List<UUID> audience = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      audience.add(newProspect("cancel" + i, "Cancel Co " + i, true).id());
    }
    String campaignId = createCampaign(sequenceId, audience, Map.of(), 2, "PT0.5S");
    post("/api/campaigns/" + campaignId + "/launch", Map.of());
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                get("/api/campaigns/" + campaignId)
                        .body()
                        .path("progress")
                        .path("enrolled")
                        .asLong()
                    >= 2);
    assertThat(post("/api/campaigns/" + campaignId + "/cancel", Map.of()).status()).isEqualTo(202);
    JsonNode cancelled = awaitPhase(campaignId, "CANCELLED");
    assertThat(cancelled.path("progress").path("remaining").asLong())
        .as("the launch stopped before the end of the audience")
        .isPositive();
    for (JsonNode member : members(campaignId, "outcome=ENROLLED").values()) {
      String enrolmentId = member.path("enrolmentId").asString();
      awaitStatus(enrolmentId, "STOPPED");
      assertThat(enrolment(enrolmentId).path("stopReason").asString())
          .isEqualTo("CAMPAIGN_CANCELLED");
    }
    assertThat(post("/api/campaigns/" + campaignId + "/resume", Map.of()).status())
        .as("a cancelled campaign cannot be resumed")
        .isEqualTo(409);
  }

  @Test
  void aReplyStopsTheOtherEnrolmentsAtTheSameCompanyWhenTheCampaignAsks() {
    String sequenceId = twoEmails();
    String company = "Initech " + UUID.randomUUID().toString().substring(0, 6);
    List<UUID> audience = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      audience.add(
          newProspect("initech" + i, i == 2 ? " " + company.toUpperCase() + " " : company, true)
              .id());
    }
    UUID elsewhere = newProspect("elsewhere", "Globex", true).id();
    audience.add(elsewhere);
    String campaignId =
        createCampaign(sequenceId, audience, Map.of("stopCompanyOnReply", true), 10, "PT0S");
    post("/api/campaigns/" + campaignId + "/launch", Map.of());
    awaitPhase(campaignId, "LAUNCHED");
    Map<UUID, JsonNode> decisions = members(campaignId, "");
    String replier = decisions.get(audience.get(0)).path("enrolmentId").asString();
    respond(replier, Map.of("channel", "EMAIL", "kind", "REPLY", "text", "Let's talk"));
    awaitStatus(replier, "STOPPED");
    for (UUID colleague : List.of(audience.get(1), audience.get(2))) {
      String id = decisions.get(colleague).path("enrolmentId").asString();
      awaitStatus(id, "STOPPED");
      assertThat(enrolment(id).path("stopReason").asString()).isEqualTo("COMPANY_REPLIED");
    }
    assertThat(
            enrolment(decisions.get(elsewhere).path("enrolmentId").asString())
                .path("status")
                .asString())
        .isEqualTo("ACTIVE");
  }

  @Test
  void aCampaignsScheduleGovernsItsEnrolmentsSendTimes() {
    String sequenceId = twoEmails();
    UUID prospect = newProspect("scheduled", "Schedule Co", true).id();
    Map<String, Object> schedule =
        Map.of(
            "windowStart", "09:00",
            "windowEnd", "10:30",
            "days", List.of("TUESDAY", "THURSDAY"),
            "timezone", "Asia/Kolkata",
            "offsets", "CALENDAR_DAYS");
    String campaignId =
        createCampaign(sequenceId, List.of(prospect), Map.of("schedule", schedule), 10, "PT0S");
    assertThat(
            get("/api/campaigns/" + campaignId).body().path("schedule").path("timezone").asString())
        .isEqualTo("Asia/Kolkata");
    post("/api/campaigns/" + campaignId + "/launch", Map.of());
    awaitPhase(campaignId, "LAUNCHED");
    String enrolmentId = members(campaignId, "").get(prospect).path("enrolmentId").asString();
    awaitInWindow(enrolmentId, "opener");
    // The bump is planned once its branch reaches it, after the opener went out.
    advance(Duration.ofDays(8));
    awaitStep(enrolmentId, "opener", "SENT");
    awaitInWindow(enrolmentId, "bump");
    Reply bad =
        post(
            "/api/campaigns",
            Map.of(
                "name",
                "bad schedule " + UUID.randomUUID(),
                "sequenceId",
                sequenceId,
                "audience",
                Map.of("prospectIds", List.of(prospect.toString())),
                "schedule",
                Map.of("windowStart", "18:00", "windowEnd", "09:00", "timezone", "Mars/Base")));
    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    assertThat(fields).contains("schedule.windowEnd", "schedule.timezone");
  }

  @Test
  void aSavedFilterPicksTheSegmentAndASequenceThatRequiresATriggerSkipsProspectsWithout() {
    String segment = "segment-" + UUID.randomUUID();
    Map<String, Object> opener = new LinkedHashMap<>();
    opener.put("key", "opener");
    opener.put("channel", "EMAIL");
    opener.put("dayOffset", 0);
    opener.put("subject", "About {{trigger}}");
    opener.put("body", "Hi {{first_name}}, congratulations on {{trigger}}.\n");
    Reply sequence =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "trigger seq " + UUID.randomUUID(),
                "requiresTrigger",
                true,
                "steps",
                List.of(opener)));
    assertThat(sequence.status()).as("%s", sequence.body()).isEqualTo(201);
    String withTrigger = upsert(segment, Map.of("trigger", "your Series B"));
    String without = upsert(segment, Map.of());
    upsert("another-" + segment, Map.of("trigger", "a new role"));

    Map<String, Object> body = new HashMap<>();
    body.put("name", "segment campaign " + UUID.randomUUID());
    body.put("sequenceId", sequence.body().path("sequenceId").asString());
    body.put("audience", Map.of("filter", Map.of("segment", segment)));
    Reply created = post("/api/campaigns", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String campaignId = created.body().path("id").asString();
    post("/api/campaigns/" + campaignId + "/launch", Map.of());
    JsonNode progress = awaitPhase(campaignId, "LAUNCHED").path("progress");
    assertThat(progress.path("audience").asLong()).as("only the segment's prospects").isEqualTo(2);
    assertThat(progress.path("enrolled").asLong()).isEqualTo(1);
    assertThat(progress.path("skippedBy").path("NO_TRIGGER").asLong()).isEqualTo(1);
    Map<UUID, JsonNode> decisions = members(campaignId, "");
    assertThat(decisions.get(UUID.fromString(withTrigger)).path("outcome").asString())
        .isEqualTo("ENROLLED");
    assertThat(decisions.get(UUID.fromString(without)).path("reason").asString())
        .isEqualTo("NO_TRIGGER");
  }

  private String upsert(String segment, Map<String, Object> checklist) {
    String slug = "seg-" + UUID.randomUUID().toString().substring(0, 8);
    Reply reply =
        post(
            "/api/prospects",
            Map.of(
                "email",
                slug + "@example.com",
                "firstName",
                "Grace",
                "segment",
                segment,
                "checklist",
                checklist));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return reply.body().path("id").asString();
  }

  @Test
  void aBadCampaignIsRefusedNamingEachField() {
    Reply reply =
        post(
            "/api/campaigns",
            Map.of(
                "name", "",
                "sequenceId", UUID.randomUUID().toString(),
                "audience", Map.of("prospectIds", List.of(UUID.randomUUID().toString())),
                "seatIds", List.of("no-such-seat"),
                "pace", Map.of("pageSize", 0)));
    assertThat(reply.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    reply.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    assertThat(fields)
        .contains("name", "sequenceId", "audience.prospectIds[0]", "seatIds[0]", "pace.pageSize");
    assertThat(get("/api/campaigns/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void awaitInWindow(String enrolmentId, String key) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              java.time.ZonedDateTime local =
                  instant(step(enrolment(enrolmentId), key).path("plannedAt"))
                      .atZone(java.time.ZoneId.of("Asia/Kolkata"));
              assertThat(local.getDayOfWeek())
                  .as("%s planned %s", key, local)
                  .isIn(java.time.DayOfWeek.TUESDAY, java.time.DayOfWeek.THURSDAY);
              assertThat(local.toLocalTime())
                  .as("%s planned %s", key, local)
                  .isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(10, 30));
            });
  }

  private JsonNode awaitPhase(String campaignId, String phase) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> get("/api/campaigns/" + campaignId).body().path("phase").asString(),
            phase::equals);
    return get("/api/campaigns/" + campaignId).body();
  }

  private Map<UUID, JsonNode> members(String campaignId, String query) {
    Map<UUID, JsonNode> found = new LinkedHashMap<>();
    String cursor = null;
    do {
      Reply page =
          get(
              "/api/campaigns/"
                  + campaignId
                  + "/members?limit=7&"
                  + query
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
      page.body()
          .path("items")
          .forEach(m -> found.put(UUID.fromString(m.path("prospectId").asString()), m));
      cursor =
          page.body().path("nextCursor").isNull()
              ? null
              : page.body().path("nextCursor").asString();
    } while (cursor != null);
    return found;
  }

  private String createCampaign(
      String sequenceId,
      List<UUID> audience,
      Map<String, Object> extra,
      int pageSize,
      String interval) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("name", "campaign " + UUID.randomUUID());
    body.put("sequenceId", sequenceId);
    body.put("audience", Map.of("prospectIds", audience.stream().map(UUID::toString).toList()));
    body.put("pace", Map.of("pageSize", pageSize, "pageInterval", interval));
    Reply created = post("/api/campaigns", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("id").asString();
  }

  private void enrolExisting(String sequenceId, UUID prospectId) {
    Reply reply =
        post(
            "/api/enrolments",
            Map.of("sequenceId", sequenceId, "prospectId", prospectId.toString()));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
  }

  private Prospect newProspect(String name, String company, boolean withEmail) {
    String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    return prospects.upsert(
        new ProspectData(
            withEmail ? slug + "@example.com" : null,
            null,
            "Ada",
            null,
            company,
            null,
            null,
            null,
            Map.of(),
            null,
            null,
            null));
  }

  private String twoEmails() {
    List<Map<String, Object>> steps =
        List.of(
            Map.of(
                "key", "opener",
                "channel", "EMAIL",
                "dayOffset", 0,
                "subject", "A note for {{company}}",
                "body", "Hi {{first_name}},\n\nOne idea for {{company}}.\n"),
            Map.of(
                "key", "bump",
                "channel", "EMAIL",
                "dayOffset", 3,
                "body", "{{first_name}}, a short bump.\n"));
    Reply created =
        post("/api/sequences", Map.of("name", "campaign seq " + UUID.randomUUID(), "steps", steps));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
