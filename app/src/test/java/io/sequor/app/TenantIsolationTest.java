package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.app.ApiClient.Answer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Workspace B's key, aimed at workspace A's existing ids, on every endpoint under /api: 404 exactly
 * as for an unknown id, and A's data unchanged afterwards. The table has one row per endpoint, and
 * {@link #everyApiEndpointHasARow} fails naming any endpoint without one: a new endpoint gets its
 * row here.
 */
class TenantIsolationTest extends EmbeddedRuntimeTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** A workspace's key and the ids of what it owns. */
  record Tenant(
      String workspaceId,
      String key,
      String keyId,
      String prospectId,
      String sequenceId,
      String sequenceName,
      String seatId,
      String mailboxId,
      String enrolmentId,
      String taskId,
      String idempotencyKey,
      String prospectEmail,
      String segment,
      String importId,
      String campaignId,
      String webhookId,
      String meetingId,
      String responseId,
      String experimentId) {

    List<String> ids() {
      return List.of(
          workspaceId,
          keyId,
          prospectId,
          sequenceId,
          seatId,
          mailboxId,
          enrolmentId,
          taskId,
          importId,
          campaignId,
          webhookId,
          meetingId,
          responseId,
          experimentId);
    }
  }

  /** One request and what it must answer. */
  record Call(
      String method, String path, Object body, int status, String field, String... headers) {}

  /**
   * One endpoint ({@code METHOD /pattern}, as Spring maps it) and the calls B makes on it. Every
   * 2xx answer is checked to name none of A's ids.
   */
  record Row(String endpoint, Function<Tenant, List<Call>> calls) {}

  private static Row row(String endpoint, Function<Tenant, List<Call>> calls) {
    return new Row(endpoint, calls);
  }

  private static List<Call> one(String method, String path, Object body, int status) {
    return List.of(new Call(method, path, body, status, null));
  }

  /** B's own resources, for requests that must name something of B's beside one of A's. */
  private static Tenant b;

  /** The table: B's calls on A's ids. {@code a} is workspace A. */
  private static List<Row> table() {
    return List.of(
        // ---- keys and workspaces
        row("POST /api/keys", a -> one("POST", "/api/keys", key("B's"), 201)),
        row("GET /api/keys", a -> one("GET", "/api/keys", null, 200)),
        row("DELETE /api/keys/{id}", a -> one("DELETE", "/api/keys/" + a.keyId(), null, 404)),
        row("POST /api/workspaces", a -> one("POST", "/api/workspaces", Map.of("name", "x"), 403)),
        row("GET /api/workspace", a -> one("GET", "/api/workspace", null, 200)),
        // ---- prospects
        row(
            "GET /api/prospects/{id}",
            a -> one("GET", "/api/prospects/" + a.prospectId(), null, 404)),
        // B's upsert of A's prospect's address makes B's own prospect; A's is never matched.
        row(
            "POST /api/prospects",
            a -> one("POST", "/api/prospects", Map.of("email", a.prospectEmail()), 201)),
        row("GET /api/prospects", a -> one("GET", "/api/prospects?limit=200", null, 200)),
        row(
            "POST /api/prospect-imports",
            a ->
                List.of(
                    new Call(
                        "POST",
                        "/api/prospect-imports",
                        "email\n" + a.prospectEmail() + "\n",
                        201,
                        null,
                        "Content-Type",
                        "text/csv"))),
        row(
            "GET /api/prospect-imports/{id}",
            a -> one("GET", "/api/prospect-imports/" + a.importId(), null, 404)),
        row(
            "GET /api/prospect-imports/{id}/rows",
            a -> one("GET", "/api/prospect-imports/" + a.importId() + "/rows", null, 404)),
        // Segments are named per workspace: B sees none of A's, and a PUT makes B's own.
        row("GET /api/segments/{name}", a -> one("GET", "/api/segments/" + a.segment(), null, 404)),
        row(
            "PUT /api/segments/{name}",
            a ->
                one(
                    "PUT",
                    "/api/segments/" + a.segment(),
                    Map.of("checklist", Map.of("trigger", "B's")),
                    200)),
        // ---- campaigns
        row(
            "POST /api/campaigns",
            a ->
                List.of(
                    new Call(
                        "POST",
                        "/api/campaigns",
                        campaign(a.sequenceId(), b.prospectId(), b.seatId()),
                        400,
                        "sequenceId"),
                    new Call(
                        "POST",
                        "/api/campaigns",
                        campaign(b.sequenceId(), a.prospectId(), b.seatId()),
                        400,
                        "audience.prospectIds[0]"),
                    new Call(
                        "POST",
                        "/api/campaigns",
                        campaign(b.sequenceId(), b.prospectId(), a.seatId()),
                        400,
                        "seatIds[0]"))),
        row("GET /api/campaigns", a -> one("GET", "/api/campaigns?limit=500", null, 200)),
        row(
            "GET /api/campaigns/{id}",
            a -> one("GET", "/api/campaigns/" + a.campaignId(), null, 404)),
        row(
            "GET /api/campaigns/{id}/members",
            a -> one("GET", "/api/campaigns/" + a.campaignId() + "/members", null, 404)),
        row(
            "POST /api/campaigns/{id}/launch",
            a -> one("POST", "/api/campaigns/" + a.campaignId() + "/launch", null, 404)),
        row(
            "POST /api/campaigns/{id}/pause",
            a -> one("POST", "/api/campaigns/" + a.campaignId() + "/pause", null, 404)),
        row(
            "POST /api/campaigns/{id}/resume",
            a -> one("POST", "/api/campaigns/" + a.campaignId() + "/resume", null, 404)),
        row(
            "POST /api/campaigns/{id}/cancel",
            a -> one("POST", "/api/campaigns/" + a.campaignId() + "/cancel", null, 404)),
        // ---- outbound webhooks
        // ---- replies and what counts as positive (B's own definition)
        row("GET /api/replies", a -> one("GET", "/api/replies?limit=200", null, 200)),
        row("GET /api/replies/{id}", a -> one("GET", "/api/replies/" + a.responseId(), null, 404)),
        row(
            "PUT /api/replies/{id}/classification",
            a ->
                one(
                    "PUT",
                    "/api/replies/" + a.responseId() + "/classification",
                    Map.of("classification", "NEGATIVE"),
                    404)),
        row(
            "GET /api/workspace/positive-replies",
            a -> one("GET", "/api/workspace/positive-replies", null, 200)),
        row(
            "PUT /api/workspace/positive-replies",
            a ->
                one(
                    "PUT",
                    "/api/workspace/positive-replies",
                    Map.of("signals", List.of("AGREES_TO_CALL")),
                    200)),
        // ---- meetings
        row(
            "POST /api/meetings",
            a ->
                List.of(
                    new Call(
                        "POST",
                        "/api/meetings",
                        Map.of("enrolmentId", a.enrolmentId()),
                        400,
                        "enrolmentId"))),
        row("GET /api/meetings", a -> one("GET", "/api/meetings?limit=200", null, 200)),
        row("GET /api/meetings/{id}", a -> one("GET", "/api/meetings/" + a.meetingId(), null, 404)),
        row("POST /api/webhooks", a -> one("POST", "/api/webhooks", webhook(), 201)),
        row("GET /api/webhooks", a -> one("GET", "/api/webhooks", null, 200)),
        row("GET /api/webhooks/{id}", a -> one("GET", "/api/webhooks/" + a.webhookId(), null, 404)),
        row(
            "PATCH /api/webhooks/{id}",
            a ->
                one(
                    "PATCH",
                    "/api/webhooks/" + a.webhookId(),
                    Map.of("description", "B was here"),
                    404)),
        row(
            "POST /api/webhooks/{id}/enable",
            a -> one("POST", "/api/webhooks/" + a.webhookId() + "/enable", null, 404)),
        row(
            "POST /api/webhooks/{id}/replay",
            a ->
                one(
                    "POST",
                    "/api/webhooks/" + a.webhookId() + "/replay",
                    Map.of("from", "2020-01-01T00:00:00Z", "to", "2099-01-01T00:00:00Z"),
                    404)),
        row(
            "GET /api/webhooks/{id}/deliveries",
            a -> one("GET", "/api/webhooks/" + a.webhookId() + "/deliveries", null, 404)),
        row(
            "DELETE /api/webhooks/{id}",
            a -> one("DELETE", "/api/webhooks/" + a.webhookId(), null, 404)),
        // ---- experiments
        row("GET /api/experiments", a -> one("GET", "/api/experiments?limit=200", null, 200)),
        row(
            "GET /api/experiments/{id}",
            a -> one("GET", "/api/experiments/" + a.experimentId(), null, 404)),
        row(
            "POST /api/experiments/{id}/end",
            a ->
                one(
                    "POST",
                    "/api/experiments/" + a.experimentId() + "/end",
                    Map.of("winner", "B"),
                    404)),
        // ---- sequences
        row(
            "POST /api/sequences",
            a -> one("POST", "/api/sequences", sequence(a.sequenceName()), 201)),
        row("GET /api/sequences", a -> one("GET", "/api/sequences", null, 200)),
        row(
            "GET /api/sequences/{id}",
            a -> one("GET", "/api/sequences/" + a.sequenceId(), null, 404)),
        row(
            "GET /api/sequences/{id}/versions",
            a -> one("GET", "/api/sequences/" + a.sequenceId() + "/versions", null, 404)),
        row(
            "GET /api/sequences/{id}/versions/{version}",
            a -> one("GET", "/api/sequences/" + a.sequenceId() + "/versions/1", null, 404)),
        row(
            "POST /api/sequences/{id}/preview",
            a ->
                one(
                    "POST",
                    "/api/sequences/" + a.sequenceId() + "/preview",
                    Map.of("prospect", Map.of("email", "someone@example.com", "firstName", "S")),
                    404)),
        row(
            "POST /api/sequences/{id}/migrations",
            a ->
                List.of(
                    new Call(
                        "POST",
                        "/api/sequences/" + a.sequenceId() + "/migrations",
                        Map.of("toVersion", 1, "enrolmentIds", List.of(a.enrolmentId())),
                        404,
                        null),
                    new Call(
                        "POST",
                        "/api/sequences/" + b.sequenceId() + "/migrations",
                        Map.of("toVersion", 1, "enrolmentIds", List.of(a.enrolmentId())),
                        400,
                        "enrolmentIds[0]"))),
        row(
            "GET /api/enrolments/{id}/migrations",
            a -> one("GET", "/api/enrolments/" + a.enrolmentId() + "/migrations", null, 404)),
        row(
            "POST /api/sequences/{id}/versions",
            a ->
                one(
                    "POST",
                    "/api/sequences/" + a.sequenceId() + "/versions",
                    Map.of("steps", sequence("x").get("steps")),
                    404)),
        // ---- enrolments
        row(
            "POST /api/enrolments",
            a ->
                List.of(
                    enrol(a.sequenceId(), null, b.seatId(), b.mailboxId(), 400, "sequenceId"),
                    enrol(b.sequenceId(), null, a.seatId(), b.mailboxId(), 400, "seatId"),
                    enrol(b.sequenceId(), null, b.seatId(), a.mailboxId(), 400, "mailboxId"),
                    enrol(
                        b.sequenceId(),
                        a.prospectId(),
                        b.seatId(),
                        b.mailboxId(),
                        400,
                        "prospectId"),
                    // An Idempotency-Key is per workspace: A's gives B a new enrolment of its own.
                    new Call(
                        "POST",
                        "/api/enrolments",
                        enrolment(b.sequenceId(), null, b.seatId(), b.mailboxId()),
                        201,
                        null,
                        "Idempotency-Key",
                        a.idempotencyKey()))),
        row("GET /api/enrolments", a -> one("GET", "/api/enrolments?limit=200", null, 200)),
        row(
            "GET /api/enrolments/{id}",
            a -> one("GET", "/api/enrolments/" + a.enrolmentId(), null, 404)),
        row(
            "POST /api/enrolments/{id}/pause",
            a -> one("POST", "/api/enrolments/" + a.enrolmentId() + "/pause", null, 404)),
        row(
            "POST /api/enrolments/{id}/resume",
            a -> one("POST", "/api/enrolments/" + a.enrolmentId() + "/resume", null, 404)),
        row(
            "POST /api/enrolments/{id}/stop",
            a -> one("POST", "/api/enrolments/" + a.enrolmentId() + "/stop", null, 404)),
        row(
            "POST /api/enrolments/{id}/responses",
            a ->
                one(
                    "POST",
                    "/api/enrolments/" + a.enrolmentId() + "/responses",
                    Map.of("channel", "EMAIL", "kind", "REPLY", "text", "stop"),
                    404)),
        // ---- seats
        row(
            "POST /api/seats",
            a ->
                List.of(
                    new Call(
                        "POST",
                        "/api/seats",
                        Map.of(
                            "id",
                            a.seatId(),
                            "plan",
                            "test-plenty",
                            "renewalDay",
                            1,
                            "timezone",
                            "UTC"),
                        409,
                        null))),
        row("GET /api/seats", a -> one("GET", "/api/seats", null, 200)),
        row("GET /api/seats/{id}", a -> one("GET", "/api/seats/" + a.seatId(), null, 404)),
        row(
            "PUT /api/seats/{id}/pacing",
            a -> one("PUT", "/api/seats/" + a.seatId() + "/pacing", PACING, 404)),
        row(
            "GET /api/seats/{id}/pacing",
            a -> one("GET", "/api/seats/" + a.seatId() + "/pacing", null, 404)),
        row(
            "GET /api/seats/{id}/slots",
            a -> one("GET", "/api/seats/" + a.seatId() + "/slots", null, 404)),
        row(
            "GET /api/seats/{id}/ledger",
            a -> one("GET", "/api/seats/" + a.seatId() + "/ledger", null, 404)),
        row(
            "POST /api/seats/{id}/purchases",
            a ->
                List.of(
                    new Call(
                        "POST",
                        "/api/seats/" + a.seatId() + "/purchases",
                        Map.of("quantity", 1),
                        404,
                        null,
                        "Idempotency-Key",
                        "b-buys"))),
        // ---- mailboxes
        row("POST /api/mailboxes", a -> one("POST", "/api/mailboxes", mailbox(a.mailboxId()), 409)),
        row("GET /api/mailboxes", a -> one("GET", "/api/mailboxes", null, 200)),
        row(
            "GET /api/mailboxes/{id}",
            a -> one("GET", "/api/mailboxes/" + a.mailboxId(), null, 404)),
        row(
            "PUT /api/mailboxes/{id}",
            a -> one("PUT", "/api/mailboxes/" + a.mailboxId(), mailbox(null), 404)),
        row(
            "POST /api/mailboxes/{id}/disable",
            a -> one("POST", "/api/mailboxes/" + a.mailboxId() + "/disable", null, 404)),
        row(
            "POST /api/mailboxes/{id}/enable",
            a -> one("POST", "/api/mailboxes/" + a.mailboxId() + "/enable", null, 404)),
        row(
            "POST /api/mailboxes/{id}/test",
            a -> one("POST", "/api/mailboxes/" + a.mailboxId() + "/test", null, 404)),
        row(
            "GET /api/mailboxes/{id}/slots",
            a -> one("GET", "/api/mailboxes/" + a.mailboxId() + "/slots", null, 404)),
        // ---- tasks
        row("GET /api/tasks", a -> one("GET", "/api/tasks?limit=200", null, 200)),
        row("GET /api/tasks/{id}", a -> one("GET", "/api/tasks/" + a.taskId(), null, 404)),
        row(
            "POST /api/tasks/{id}/complete",
            a ->
                one(
                    "POST",
                    "/api/tasks/" + a.taskId() + "/complete",
                    Map.of("outcome", "SENT"),
                    404)),
        // ---- reports
        row(
            "GET /api/reports/campaigns/{id}",
            a -> one("GET", "/api/reports/campaigns/" + a.campaignId() + "?by=step", null, 404)),
        row(
            "GET /api/reports/campaigns/{id}/series",
            a -> one("GET", "/api/reports/campaigns/" + a.campaignId() + "/series", null, 404)),
        row(
            "GET /api/reports/sequences/{id}",
            a -> one("GET", "/api/reports/sequences/" + a.sequenceId() + "?format=csv", null, 404)),
        row(
            "GET /api/reports/sequences/{id}/series",
            a -> one("GET", "/api/reports/sequences/" + a.sequenceId() + "/series", null, 404)),
        row(
            "GET /api/reports/seats/{id}",
            a -> one("GET", "/api/reports/seats/" + a.seatId() + "?by=segment", null, 404)),
        row(
            "GET /api/reports/seats/{id}/series",
            a -> one("GET", "/api/reports/seats/" + a.seatId() + "/series", null, 404)),
        // ---- stateless
        row(
            "POST /api/addresses/verify",
            a ->
                one(
                    "POST",
                    "/api/addresses/verify",
                    Map.of("addresses", List.of("ada@example.com")),
                    200)),
        // ---- the installation's own: only the default workspace's admin
        row("GET /api/dev/clock", a -> one("GET", "/api/dev/clock", null, 403)),
        row(
            "POST /api/dev/clock/advance",
            a -> one("POST", "/api/dev/clock/advance", Map.of("by", "P30D"), 403)),
        row("GET /api/dev/mailbox", a -> one("GET", "/api/dev/mailbox", null, 403)),
        row(
            "GET /api/dev/linkedin/profiles",
            a -> one("GET", "/api/dev/linkedin/profiles", null, 403)),
        row(
            "PUT /api/dev/linkedin/profiles",
            a ->
                one(
                    "PUT",
                    "/api/dev/linkedin/profiles?url=https://www.linkedin.com/in/x",
                    Map.of("openProfile", true),
                    403)),
        row(
            "DELETE /api/dev/linkedin/profiles",
            a ->
                one(
                    "DELETE",
                    "/api/dev/linkedin/profiles?url=https://www.linkedin.com/in/x",
                    null,
                    403)),
        row(
            "GET /api/webhooks/linkedin/unmatched",
            a -> one("GET", "/api/webhooks/linkedin/unmatched", null, 403)),
        row("GET /api/inbound/unmatched", a -> one("GET", "/api/inbound/unmatched", null, 403)),
        // ---- signed by their sender, not by a key: unsigned, they are refused before anything
        row("POST /api/webhooks/linkedin", a -> one("POST", "/api/webhooks/linkedin", "{}", 401)),
        row(
            "POST /api/webhooks/inbound-email",
            a -> one("POST", "/api/webhooks/inbound-email", "x", 401)),
        row("POST /api/webhooks/meetings", a -> one("POST", "/api/webhooks/meetings", "{}", 401)));
  }

  @Test
  void everyApiEndpointHasARow() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/")) {
          info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m + " " + pattern));
        }
      }
    }
    Set<String> rows = new TreeSet<>(table().stream().map(Row::endpoint).toList());

    Set<String> missing = new TreeSet<>(mapped);
    missing.removeAll(rows);
    Set<String> stale = new TreeSet<>(rows);
    stale.removeAll(mapped);
    assertThat(missing).as("endpoints without a row in TenantIsolationTest.table()").isEmpty();
    assertThat(stale).as("rows for endpoints that no longer exist").isEmpty();
  }

  @Test
  void anotherWorkspacesKeyFindsNothingOfAAndChangesNothing() {
    Tenant a = tenant("A");
    b = tenant("B");
    ApiClient api = new ApiClient(port, json);
    Map<String, String> before = snapshot(api, a);

    SoftAssertions soft = new SoftAssertions();
    for (Row row : table()) {
      for (Call call : row.calls().apply(a)) {
        Answer answer = api.call(b.key(), call.method(), call.path(), call.body(), call.headers());
        String what = row.endpoint() + " (" + call.method() + " " + call.path() + ")";
        soft.assertThat(answer.status())
            .as("%s answered %s", what, answer.text())
            .isEqualTo(call.status());
        if (call.field() != null) {
          soft.assertThat(fields(answer)).as("%s names the field", what).contains(call.field());
        }
        if (call.status() == 404) {
          soft.assertThat(answer.body().path("title").asString()).as(what).isEqualTo("Not found");
        }
        if (call.status() == 409) {
          soft.assertThat(answer.body().has("existingId"))
              .as("%s reveals nothing of the taker", what)
              .isFalse();
        }
        if (answer.status() / 100 == 2) {
          for (String id : a.ids()) {
            soft.assertThat(answer.text()).as("%s shows A's %s", what, id).doesNotContain(id);
          }
        }
      }
    }
    soft.assertAll();

    assertThat(snapshot(api, a)).as("A's data after B's calls").isEqualTo(before);

    // Subscriptions poll while they live; the shared engine clock moves for other tests too.
    for (Tenant t : List.of(a, b)) {
      api.call(t.key(), "GET", "/api/webhooks", null)
          .body()
          .valueStream()
          .forEach(
              w -> api.call(t.key(), "DELETE", "/api/webhooks/" + w.path("id").asString(), null));
    }
  }

  // ---- workspaces with data ------------------------------------------------------------------

  /** A workspace made by the operator, with a seat, a mailbox, a sequence and an open task. */
  private Tenant tenant(String label) {
    ApiClient api = new ApiClient(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Answer made =
        api.call(ADMIN_KEY, "POST", "/api/workspaces", Map.of("name", label + " " + suffix));
    assertThat(made.status()).as("%s", made.text()).isEqualTo(201);
    String key = made.body().path("adminKey").path("key").asString();
    String seatId = "seat-" + label.toLowerCase() + "-" + suffix;
    created(
        api.call(
            key,
            "POST",
            "/api/seats",
            Map.of(
                "id",
                seatId,
                "plan",
                "test-plenty",
                "renewalDay",
                1,
                "timezone",
                "UTC",
                "manual",
                true)));
    String mailboxId = "mb-" + label.toLowerCase() + "-" + suffix;
    created(api.call(key, "POST", "/api/mailboxes", mailbox(mailboxId)));
    String name = "isolation " + suffix;
    String sequenceId =
        created(api.call(key, "POST", "/api/sequences", sequence(name)))
            .path("sequenceId")
            .asString();
    String idempotencyKey = "enrol-" + suffix;
    JsonNode enrolment =
        created(
            api.call(
                key,
                "POST",
                "/api/enrolments",
                enrolment(sequenceId, null, seatId, mailboxId),
                "Idempotency-Key",
                idempotencyKey));
    String enrolmentId = enrolment.path("id").asString();
    String taskId =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    api.call(key, "GET", "/api/tasks?status=OPEN&limit=200", null)
                        .body()
                        .path("items")
                        .valueStream()
                        .filter(t -> t.path("enrolmentId").asString().equals(enrolmentId))
                        .map(t -> t.path("id").asString())
                        .findFirst()
                        .orElse(null),
                id -> id != null);
    String prospectId = enrolment.path("prospectId").asString();
    String prospectEmail =
        api.call(key, "GET", "/api/prospects/" + prospectId, null).body().path("email").asString();
    String segment = "segment-" + label.toLowerCase() + "-" + suffix;
    assertThat(
            api.call(
                    key,
                    "PUT",
                    "/api/segments/" + segment,
                    Map.of("checklist", Map.of("trigger", label + "'s trigger")))
                .status())
        .isEqualTo(200);
    String importId =
        created(
                api.call(
                    key,
                    "POST",
                    "/api/prospect-imports",
                    "email\nimported-" + suffix + "@example.com\n",
                    "Content-Type",
                    "text/csv"))
            .path("id")
            .asString();
    String campaignId =
        created(api.call(key, "POST", "/api/campaigns", campaign(sequenceId, prospectId, seatId)))
            .path("id")
            .asString();
    String webhookId =
        created(api.call(key, "POST", "/api/webhooks", webhook())).path("id").asString();
    assertThat(
            api.call(
                    key,
                    "POST",
                    "/api/enrolments/" + enrolmentId + "/responses",
                    Map.of("channel", "EMAIL", "kind", "REPLY", "text", "Happy to chat"))
                .status())
        .isEqualTo(202);
    String responseId =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    api.call(key, "GET", "/api/replies?enrolmentId=" + enrolmentId, null)
                        .body()
                        .path("items")
                        .valueStream()
                        .map(r -> r.path("responseId").asString())
                        .findFirst()
                        .orElse(null),
                id -> id != null);
    String meetingId =
        created(
                api.call(
                    key,
                    "POST",
                    "/api/meetings",
                    Map.of("enrolmentId", enrolmentId, "externalId", "cal-" + suffix)))
            .path("id")
            .asString();
    String experimentSequence =
        created(api.call(key, "POST", "/api/sequences", experiment("experiment " + suffix)))
            .path("sequenceId")
            .asString();
    String experimentId =
        api.call(key, "GET", "/api/experiments?sequenceId=" + experimentSequence, null)
            .body()
            .path("items")
            .get(0)
            .path("id")
            .asString();
    JsonNode keys = api.call(key, "GET", "/api/keys", null).body();
    return new Tenant(
        made.body().path("workspace").path("id").asString(),
        key,
        keys.get(0).path("id").asString(),
        prospectId,
        sequenceId,
        name,
        seatId,
        mailboxId,
        enrolmentId,
        taskId,
        idempotencyKey,
        prospectEmail,
        segment,
        importId,
        campaignId,
        webhookId,
        meetingId,
        responseId,
        experimentId);
  }

  private static Map<String, Object> campaign(String sequenceId, String prospectId, String seatId) {
    return Map.of(
        "name",
        "campaign " + UUID.randomUUID(),
        "sequenceId",
        sequenceId,
        "audience",
        Map.of("prospectIds", List.of(prospectId)),
        "seatIds",
        List.of(seatId));
  }

  private static Map<String, Object> webhook() {
    return Map.of("url", "http://localhost:9/hook", "events", List.of("enrolment.enrolled"));
  }

  /** What A sees of its own data; equal before and after B's calls when nothing changed. */
  private Map<String, String> snapshot(ApiClient api, Tenant a) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String path :
        List.of(
            "/api/workspace",
            "/api/prospects/" + a.prospectId(),
            "/api/sequences/" + a.sequenceId() + "/versions",
            "/api/seats/" + a.seatId(),
            "/api/seats/" + a.seatId() + "/pacing",
            "/api/seats/" + a.seatId() + "/ledger",
            "/api/mailboxes/" + a.mailboxId(),
            "/api/enrolments/" + a.enrolmentId(),
            "/api/tasks/" + a.taskId(),
            "/api/segments/" + a.segment(),
            "/api/prospect-imports/" + a.importId(),
            "/api/campaigns/" + a.campaignId(),
            "/api/webhooks/" + a.webhookId(),
            "/api/replies/" + a.responseId(),
            "/api/workspace/positive-replies",
            "/api/meetings/" + a.meetingId(),
            "/api/experiments/" + a.experimentId(),
            "/api/campaigns?limit=500",
            "/api/webhooks",
            "/api/keys",
            "/api/enrolments?limit=200",
            "/api/sequences",
            "/api/seats",
            "/api/mailboxes")) {
      Answer answer = api.call(a.key(), "GET", path, null);
      JsonNode body = answer.body();
      if (body != null && body.isArray()) {
        body.valueStream()
            .filter(JsonNode::isObject)
            .forEach(k -> ((ObjectNode) k).remove("lastUsedAt"));
      }
      seen.put(path, answer.status() + " " + (body == null ? "" : body.toString()));
    }
    return seen;
  }

  private static JsonNode created(Answer answer) {
    assertThat(answer.status()).as("%s", answer.text()).isEqualTo(201);
    return answer.body();
  }

  private static List<String> fields(Answer answer) {
    List<String> fields = new ArrayList<>();
    if (answer.body() != null) {
      answer.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    }
    return fields;
  }

  // ---- request bodies ------------------------------------------------------------------------

  private static final Map<String, Object> PACING =
      Map.of(
          "caps",
          Map.of("INMAIL", Map.of("daily", 1, "weekly", 5)),
          "windowStart",
          "00:00",
          "windowEnd",
          "23:59",
          "days",
          List.of("MONDAY"),
          "minGap",
          "PT1M",
          "maxGap",
          "PT1M",
          "rampUpWeeks",
          0,
          "backoff",
          "P1D");

  private static Map<String, Object> key(String name) {
    return Map.of("name", name, "scopes", List.of("ENROL"));
  }

  private static Map<String, Object> sequence(String name) {
    return Map.of(
        "name",
        name,
        "steps",
        List.of(
            Map.of(
                "key", "call",
                "channel", "MANUAL_TASK",
                "dayOffset", 0,
                "body", "Call {{first_name}} at {{company}}")));
  }

  /** A sequence whose email step tests a second subject. */
  private static Map<String, Object> experiment(String name) {
    return Map.of(
        "name",
        name,
        "steps",
        List.of(
            Map.of(
                "key", "email",
                "channel", "EMAIL",
                "dayOffset", 0,
                "subject", "Hello {{company}}",
                "body", "Hi {{first_name}}, worth a look?",
                "variants", List.of(Map.of("key", "B", "subject", "Quick question")),
                "experiment", Map.of("varies", "SUBJECT"))));
  }

  private static Map<String, Object> mailbox(String id) {
    Map<String, Object> body = new HashMap<>();
    if (id != null) {
      body.put("id", id);
    }
    body.put("fromAddress", "rep@example.com");
    body.put("smtp", Map.of("host", "127.0.0.1", "port", 25, "security", "NONE"));
    return body;
  }

  private static Map<String, Object> enrolment(
      String sequenceId, String prospectId, String seatId, String mailboxId) {
    Map<String, Object> body = new HashMap<>();
    body.put("sequenceId", sequenceId);
    if (prospectId != null) {
      body.put("prospectId", prospectId);
    } else {
      body.put("prospect", prospect("isolation"));
    }
    body.put("seatId", seatId);
    body.put("mailboxId", mailboxId);
    return body;
  }

  private static Call enrol(
      String sequenceId,
      String prospectId,
      String seatId,
      String mailboxId,
      int status,
      String field) {
    return new Call(
        "POST",
        "/api/enrolments",
        enrolment(sequenceId, prospectId, seatId, mailboxId),
        status,
        field);
  }
}
