package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Prospects over HTTP: upsert by email or LinkedIn URL, cursor listing with filters, CSV imports
 * with a result per row, segments and the pre-send checklist, and sequences that require a trigger.
 */
class ProspectsApiTest extends EmbeddedRuntimeTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Reply csv(String query, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri("/api/prospect-imports" + query))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Reply importCsv(String query, String body) {
    return csv(query, "text/csv", body);
  }

  private JsonNode prospectByEmail(String email) {
    Reply page = get("/api/prospects?email=" + q(email));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().path("items").size()).as("prospects with %s", email).isLessThan(2);
    return page.body().path("items").size() == 0 ? null : page.body().path("items").get(0);
  }

  private static Map<String, String> reasonsByRow(JsonNode rows) {
    Map<String, String> reasons = new LinkedHashMap<>();
    rows.path("items")
        .forEach(r -> reasons.put(r.path("row").asString(), r.path("reason").asString()));
    return reasons;
  }

  @Test
  void theOpenApiDescriptionShowsTheImportTakesACsvBodyWithAnExample() {
    JsonNode docs = get("/v3/api-docs").body();
    assertThat(docs.path("paths").propertyNames())
        .contains(
            "/api/prospects",
            "/api/prospect-imports",
            "/api/prospect-imports/{id}/rows",
            "/api/segments/{name}");
    JsonNode csvBody =
        docs.path("paths")
            .path("/api/prospect-imports")
            .path("post")
            .path("requestBody")
            .path("content")
            .path("text/csv");
    assertThat(csvBody.toString()).contains("E-mail,First Name");
    assertThat(
            docs.path("paths")
                .path("/api/prospect-imports")
                .path("post")
                .path("parameters")
                .valueStream()
                .map(p -> p.path("name").asString()))
        .as("the caller is not a parameter a client sends")
        .doesNotContain("workspaceId", "caller");
  }

  @Nested
  class Upsert {

    @Test
    void createsThenUpdatesTheProspectMatchedByEmailInAnyCaseKeepingWhatTheUpdateLeavesOut() {
      String slug = unique("ada");
      Reply created =
          post(
              "/api/prospects",
              Map.of(
                  "email",
                  slug + "@example.com",
                  "firstName",
                  "Ada",
                  "company",
                  "Analytical Engines",
                  "fields",
                  Map.of("tool", "Salesforce")));
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      String id = created.body().path("id").asString();

      Reply updated =
          post(
              "/api/prospects",
              Map.of(
                  "email",
                  slug.toUpperCase() + "@EXAMPLE.com",
                  "title",
                  "VP Sales",
                  "fields",
                  Map.of("pain", "manual reporting")));
      assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
      JsonNode p = updated.body();
      assertThat(p.path("id").asString()).isEqualTo(id);
      assertThat(p.path("firstName").asString()).isEqualTo("Ada");
      assertThat(p.path("company").asString()).isEqualTo("Analytical Engines");
      assertThat(p.path("title").asString()).isEqualTo("VP Sales");
      assertThat(p.path("fields").path("tool").asString()).isEqualTo("Salesforce");
      assertThat(p.path("fields").path("pain").asString()).isEqualTo("manual reporting");
      assertThat(get("/api/prospects/" + id).body().path("title").asString()).isEqualTo("VP Sales");
    }

    @Test
    void matchesByTheNormalisedLinkedInUrl() {
      String slug = unique("grace");
      Reply created =
          post(
              "/api/prospects",
              Map.of("linkedinUrl", "https://www.linkedin.com/in/" + slug, "firstName", "Grace"));
      assertThat(created.status()).isEqualTo(201);

      Reply updated =
          post(
              "/api/prospects",
              Map.of(
                  "linkedinUrl",
                  "linkedin.com/in/" + slug.toUpperCase() + "/?trk=profile",
                  "email",
                  slug + "@example.com"));
      assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
      assertThat(updated.body().path("id").asString())
          .isEqualTo(created.body().path("id").asString());
      assertThat(updated.body().path("email").asString()).isEqualTo(slug + "@example.com");
      assertThat(updated.body().path("firstName").asString()).isEqualTo("Grace");
    }

    @Test
    void anEmailOfOneProspectWithTheLinkedInUrlOfAnotherIsRefusedNamingBothAndWritesNothing() {
      String a = unique("first");
      String b = unique("second");
      Reply first = post("/api/prospects", Map.of("email", a + "@example.com", "firstName", "A"));
      Reply second =
          post(
              "/api/prospects",
              Map.of("linkedinUrl", "https://www.linkedin.com/in/" + b, "firstName", "B"));
      assertThat(first.status()).isEqualTo(201);
      assertThat(second.status()).isEqualTo(201);

      Reply clash =
          post(
              "/api/prospects",
              Map.of(
                  "email",
                  a + "@example.com",
                  "linkedinUrl",
                  "https://www.linkedin.com/in/" + b,
                  "firstName",
                  "Changed"));
      assertThat(clash.status()).as("%s", clash.body()).isEqualTo(409);
      assertThat(EnrolmentApiTest.fields(clash)).containsExactly("email", "linkedinUrl");
      assertThat(clash.body().path("detail").asString())
          .contains(first.body().path("id").asString(), second.body().path("id").asString());
      String firstId = first.body().path("id").asString();
      assertThat(get("/api/prospects/" + firstId).body().path("firstName").asString())
          .isEqualTo("A");
      assertThat(get("/api/prospects/" + firstId).body().path("linkedinUrl").isNull()).isTrue();
    }

    @Test
    void invalidValuesAreNamedAndNothingIsCreated() {
      String slug = unique("bad");
      Reply reply =
          post(
              "/api/prospects",
              Map.of(
                  "email", slug + "@",
                  "linkedinUrl", "https://example.com/" + slug,
                  "timezone", "Mars/Olympus"));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply))
          .containsExactlyInAnyOrder("email", "linkedinUrl", "timezone");
      assertThat(prospectByEmail(slug + "@")).isNull();
    }

    @Test
    void anUnknownIdIsNotFound() {
      assertThat(get("/api/prospects/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
  }

  @Nested
  class Listing {

    @Test
    void pagesThroughAFilteredListWithTheCursorSeeingEachProspectOnce() {
      String company = unique("Pager Co");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Reply r =
            post(
                "/api/prospects",
                Map.of("email", unique("page" + i) + "@example.com", "company", company));
        ids.add(r.body().path("id").asString());
      }
      post("/api/prospects", Map.of("email", unique("other") + "@example.com", "company", "Other"));

      List<String> seen = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String cursor = null;
      do {
        Reply page =
            get(
                "/api/prospects?limit=2&company="
                    + q(company.toUpperCase())
                    + (cursor == null ? "" : "&cursor=" + cursor));
        assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
        sizes.add(page.body().path("items").size());
        page.body().path("items").forEach(p -> seen.add(p.path("id").asString()));
        cursor =
            page.body().path("nextCursor").isNull()
                ? null
                : page.body().path("nextCursor").asString();
      } while (cursor != null);

      assertThat(sizes).containsExactly(2, 2, 1);
      assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void filtersBySegmentEmailAndUpdatedSince() {
      String segment = unique("seg");
      String early = unique("early") + "@example.com";
      String late = unique("late") + "@example.com";
      post("/api/prospects", Map.of("email", early, "segment", segment));
      post("/api/prospects", Map.of("email", unique("outside") + "@example.com"));
      Instant between = clock.advance(Duration.ofMinutes(1));
      clock.advance(Duration.ofMinutes(1));
      post("/api/prospects", Map.of("email", late, "segment", segment));

      Reply bySegment = get("/api/prospects?segment=" + q(segment));
      assertThat(bySegment.body().path("items").valueStream().map(p -> p.path("email").asString()))
          .containsExactly(early, late);
      Reply since =
          get("/api/prospects?segment=" + q(segment) + "&updatedSince=" + q(between.toString()));
      assertThat(since.body().path("items").valueStream().map(p -> p.path("email").asString()))
          .containsExactly(late);
      assertThat(prospectByEmail(early.toUpperCase()).path("email").asString()).isEqualTo(early);
    }

    @Test
    void aCursorNotGivenOutAndALimitOutOfRangeAreNamed() {
      Reply cursor = get("/api/prospects?cursor=not-a-cursor");
      assertThat(cursor.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(cursor)).containsExactly("cursor");
      Reply limit = get("/api/prospects?limit=0");
      assertThat(limit.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(limit)).containsExactly("limit");
    }
  }

  @Nested
  class CsvImport {

    @Test
    void importsTheGoodRowsAndNamesEachBadRowAndWhy() {
      String existing = unique("existing") + "@example.com";
      String existingId =
          post("/api/prospects", Map.of("email", existing, "firstName", "Old", "title", "CFO"))
              .body()
              .path("id")
              .asString();
      String ada = unique("ada");
      String grace = unique("grace");
      String noEmail = unique("linkedin-only");
      String body =
          String.join(
                  "\r\n",
                  "E-mail,First Name,Company,LinkedIn URL,Time Zone,Pain Point",
                  ada + "@example.com,Ada,Engines,,Europe/London,manual reporting", // 2 created
                  existing + ",New,Acme,,,", // 3 updated
                  ",Nobody,Acme,,,", // 4 no identifier
                  grace + "@,Grace,Acme,,,", // 5 bad email
                  grace + "@example.com,Grace,Acme,,Mars/Olympus,", // 6 bad timezone
                  grace + "@example.com,Grace,Acme", // 7 wrong column count
                  ada.toUpperCase() + "@example.com,Ada again,,,,", // 8 duplicate of row 2
                  "", // 9 empty
                  ",LinkedIn only,Acme,https://www.linkedin.com/in/" + noEmail + ",,", // 10 created
                  "\"" + grace + "@example.com\",\"Grace, PhD\",\"Acme\",,,\"line one\nline two\"")
              + "\r\n"; // 11 created, quoted values
      Reply done = importCsv("", body);
      assertThat(done.status()).as("%s", done.body()).isEqualTo(201);
      JsonNode summary = done.body();
      assertThat(summary.path("status").asString()).isEqualTo("COMPLETED");
      assertThat(summary.path("rowsRead").asInt()).isEqualTo(10);
      assertThat(summary.path("created").asInt()).isEqualTo(3);
      assertThat(summary.path("updated").asInt()).isEqualTo(1);
      assertThat(summary.path("skipped").asInt()).isEqualTo(6);
      assertThat(summary.path("columns").path("Pain Point").asString())
          .isEqualTo("fields.pain_point");
      assertThat(summary.path("columns").path("Time Zone").asString()).isEqualTo("timezone");

      String id = summary.path("id").asString();
      Reply skipped = get("/api/prospect-imports/" + id + "/rows?outcome=SKIPPED");
      assertThat(skipped.status()).isEqualTo(200);
      Map<String, String> reasons = reasonsByRow(skipped.body());
      assertThat(reasons.keySet()).containsExactly("4", "5", "6", "7", "8", "9");
      assertThat(reasons.get("4")).contains("no email and no linkedinUrl");
      assertThat(reasons.get("5")).contains("email", "is not an email address");
      assertThat(reasons.get("6")).contains("timezone", "Mars/Olympus");
      assertThat(reasons.get("7")).contains("3 values", "6 columns");
      assertThat(reasons.get("8")).contains("duplicate of row 2");
      assertThat(reasons.get("9")).contains("empty row");

      JsonNode created = prospectByEmail(ada + "@example.com");
      assertThat(created.path("firstName").asString()).isEqualTo("Ada");
      assertThat(created.path("timezone").asString()).isEqualTo("Europe/London");
      assertThat(created.path("fields").path("pain_point").asString())
          .isEqualTo("manual reporting");
      JsonNode updated = get("/api/prospects/" + existingId).body();
      assertThat(updated.path("firstName").asString()).isEqualTo("New");
      assertThat(updated.path("title").asString()).as("kept").isEqualTo("CFO");
      JsonNode quoted = prospectByEmail(grace + "@example.com");
      assertThat(quoted.path("firstName").asString()).isEqualTo("Grace, PhD");
      assertThat(quoted.path("fields").path("pain_point").asString())
          .isEqualTo("line one\nline two");

      Reply all = get("/api/prospect-imports/" + id + "/rows?limit=4");
      assertThat(all.body().path("items").valueStream().map(r -> r.path("outcome").asString()))
          .containsExactly("CREATED", "UPDATED", "SKIPPED", "SKIPPED");
      assertThat(all.body().path("items").get(1).path("prospectId").asString())
          .isEqualTo(existingId);
      Reply next =
          get(
              "/api/prospect-imports/"
                  + id
                  + "/rows?limit=4&cursor="
                  + all.body().path("nextCursor").asString());
      assertThat(next.body().path("items").valueStream().map(r -> r.path("row").asInt()))
          .containsExactly(6, 7, 8, 9);
      assertThat(get("/api/prospect-imports/" + id).body().path("created").asInt()).isEqualTo(3);
    }

    @Test
    void explicitMappingRenamesAndDropsColumnsAndTheSegmentAppliesToEveryRow() {
      String segment = unique("imported");
      String who = unique("mapped") + "@example.com";
      String body = "Work Mail,Given,Notes,Why now,Seg\n" + who + ",Lin,private,new CFO,\n";
      Reply done =
          importCsv(
              "?map.Work%20Mail=email&map.given=firstName&map.Notes=ignore"
                  + "&map.Why%20now=checklist.trigger&map.Seg=ignore&segment="
                  + q(segment),
              body);
      assertThat(done.status()).as("%s", done.body()).isEqualTo(201);
      assertThat(done.body().path("created").asInt()).isEqualTo(1);
      assertThat(done.body().path("segment").asString()).isEqualTo(segment);
      assertThat(done.body().path("columns").path("Notes").asString()).isEqualTo("ignore");

      JsonNode p = prospectByEmail(who);
      assertThat(p.path("firstName").asString()).isEqualTo("Lin");
      assertThat(p.path("segment").asString()).isEqualTo(segment);
      assertThat(p.path("checklist").path("trigger").asString()).isEqualTo("new CFO");
      assertThat(p.path("fields").has("notes")).isFalse();
    }

    @Test
    void aCountryColumnSetsTheCountryThatPicksTheHolidaysAndABadOneIsNamed() {
      String good = unique("country") + "@example.com";
      String bad = unique("nowhere") + "@example.com";
      Reply done = importCsv("", "email,Country\n" + good + ",fr\n" + bad + ",Atlantis\n");
      assertThat(done.status()).as("%s", done.body()).isEqualTo(201);
      assertThat(done.body().path("created").asInt()).isEqualTo(1);
      assertThat(done.body().path("skipped").asInt()).isEqualTo(1);
      assertThat(prospectByEmail(good).path("country").asString()).isEqualTo("FR");
      assertThat(prospectByEmail(good).path("fields").has("country")).isFalse();
    }

    @Test
    void duplicatesAcrossBatchesAreCaughtByTheLinkedInUrlToo() {
      String slug = unique("dup");
      StringBuilder body = new StringBuilder("email,linkedin\n");
      body.append(slug).append("@example.com,https://www.linkedin.com/in/").append(slug);
      body.append('\n');
      for (int i = 0; i < 4; i++) {
        body.append(unique("filler")).append("@example.com,\n");
      }
      body.append(",linkedin.com/in/").append(slug.toUpperCase()).append('\n'); // row 7
      Reply done = importCsv("", body.toString());
      assertThat(done.status()).as("%s", done.body()).isEqualTo(201);
      assertThat(done.body().path("created").asInt()).isEqualTo(5);
      Reply skipped =
          get(
              "/api/prospect-imports/"
                  + done.body().path("id").asString()
                  + "/rows?outcome=SKIPPED");
      assertThat(reasonsByRow(skipped.body())).containsOnlyKeys("7");
      assertThat(reasonsByRow(skipped.body()).get("7")).contains("duplicate of row 2");
    }

    @Nested
    class AMalformedRequestIsRefusedBeforeAnyRowIsWritten {

      @Test
      void aBodyThatIsNotCsv() {
        String who = unique("json") + "@example.com";
        Reply reply = csv("", "application/json", "email\n" + who + "\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(EnrolmentApiTest.fields(reply)).containsExactly("Content-Type");
        assertThat(prospectByEmail(who)).isNull();
      }

      @Test
      void anEmptyFile() {
        Reply reply = importCsv("", "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(EnrolmentApiTest.fields(reply)).containsExactly("body");
      }

      @Test
      void aHeaderWithoutEmailOrLinkedInColumn() {
        String who = unique("nocol") + "@example.com";
        Reply reply = importCsv("", "name,company\n" + who + ",Acme\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(EnrolmentApiTest.fields(reply)).containsExactly("header");
        assertThat(reply.body().path("errors").get(0).path("reason").asString())
            .contains("email or linkedinUrl");
      }

      @Test
      void aMappingToAnUnknownFieldOrAnUnknownColumn() {
        String who = unique("unknown") + "@example.com";
        Reply reply =
            importCsv(
                "?map.Company=employer&map.Phone=fields.phone",
                "email,company\n" + who + ",Acme\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(EnrolmentApiTest.fields(reply)).containsExactly("map.Company", "map.Phone");
        assertThat(reply.body().path("errors").get(0).path("reason").asString())
            .contains("'employer' is not a prospect field");
        assertThat(prospectByEmail(who)).isNull();
      }

      @Test
      void twoColumnsForTheSameField() {
        Reply reply = importCsv("", "Email,E-mail\na@example.com,b@example.com\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").get(0).path("reason").asString())
            .contains("'Email' and 'E-mail' both map to email");
      }
    }

    @Test
    void anUnknownImportIsNotFound() {
      assertThat(get("/api/prospect-imports/" + UUID.randomUUID()).status()).isEqualTo(404);
      assertThat(get("/api/prospect-imports/" + UUID.randomUUID() + "/rows").status())
          .isEqualTo(404);
    }
  }

  @Nested
  class Checklist {

    private String triggerSequence(boolean requiresTrigger) {
      Map<String, Object> body = new HashMap<>();
      body.put("name", unique("trigger sequence"));
      body.put(
          "steps",
          List.of(
              Map.of(
                  "key", "opener",
                  "channel", "EMAIL",
                  "dayOffset", 0,
                  "subject", "After {{trigger}}",
                  "body", "Hi {{first_name}}, {{offer}}?")));
      body.put("requiresTrigger", requiresTrigger);
      Reply created = post("/api/sequences", body);
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      assertThat(created.body().path("requiresTrigger").asBoolean()).isEqualTo(requiresTrigger);
      return created.body().path("sequenceId").asString();
    }

    @Test
    void aProspectsOwnEntriesOverrideItsSegmentsEntryByEntry() {
      String segment = unique("vp-sales");
      Reply put =
          put(
              "/api/segments/" + segment,
              Map.of(
                  "checklist",
                  Map.of("trigger", "hiring SDRs", "offer", "a teardown", "cta", "Tue or Wed?")));
      assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
      Reply p =
          post(
              "/api/prospects",
              Map.of(
                  "email",
                  unique("seg") + "@example.com",
                  "segment",
                  segment,
                  "checklist",
                  Map.of("offer", "a benchmark")));
      JsonNode effective = p.body().path("effectiveChecklist");
      assertThat(effective.path("trigger").asString()).isEqualTo("hiring SDRs");
      assertThat(effective.path("offer").asString()).isEqualTo("a benchmark");
      assertThat(effective.path("cta").asString()).isEqualTo("Tue or Wed?");
      Reply segmentView = get("/api/segments/" + segment);
      assertThat(segmentView.body().path("prospects").asLong()).isEqualTo(1);
      assertThat(get("/api/segments/" + unique("never-set")).status()).isEqualTo(404);
    }

    @Test
    void aSequenceThatRequiresATriggerRefusesAProspectWithoutOneNamingTheField() {
      String sequenceId = triggerSequence(true);
      Map<String, Object> prospect =
          Map.of(
              "email",
              unique("notrigger") + "@example.com",
              "firstName",
              "Ada",
              "fields",
              Map.of("offer", "a teardown"));
      Reply stored = post("/api/prospects", prospect);
      assertThat(stored.status()).isEqualTo(201);
      Reply inline =
          post("/api/enrolments", Map.of("sequenceId", sequenceId, "prospect", prospect));
      assertThat(inline.status()).as("%s", inline.body()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(inline)).contains("prospect.checklist.trigger");
      assertThat(inline.body().path("errors").get(0).path("reason").asString())
          .contains("requires a trigger");

      String id = stored.body().path("id").asString();
      Reply byId = post("/api/enrolments", Map.of("sequenceId", sequenceId, "prospectId", id));
      assertThat(byId.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(byId)).contains("prospectId");
    }

    @Test
    void theSegmentsTriggerLetsTheEnrolmentThroughAndFillsTheTriggerPlaceholder() {
      String sequenceId = triggerSequence(true);
      String segment = unique("funded");
      put("/api/segments/" + segment, Map.of("checklist", Map.of("trigger", "your Series B")));
      String email = unique("segtrigger") + "@example.com";
      Map<String, Object> prospect =
          Map.of(
              "email",
              email,
              "firstName",
              "Ada",
              "segment",
              segment,
              "checklist",
              Map.of("offer", "a teardown"));
      JsonNode enrolment = enrol(sequenceId, prospect);
      awaitStep(enrolment.path("id").asString(), "opener", "SENT");
      assertThat(emailsTo(email))
          .singleElement()
          .satisfies(
              mail -> {
                assertThat(mail.subject()).isEqualTo("After your Series B");
                assertThat(mail.text()).contains("Hi Ada, a teardown?");
              });
    }

    @Test
    void fieldsTriggerStillCountsAsTheProspectsOwnTrigger() {
      String sequenceId = triggerSequence(true);
      String email = unique("fieldtrigger") + "@example.com";
      JsonNode enrolment =
          enrol(
              sequenceId,
              Map.of(
                  "email",
                  email,
                  "firstName",
                  "Ada",
                  "fields",
                  Map.of("trigger", "your new role", "offer", "a teardown")));
      awaitStep(enrolment.path("id").asString(), "opener", "SENT");
      assertThat(emailsTo(email))
          .singleElement()
          .satisfies(mail -> assertThat(mail.subject()).isEqualTo("After your new role"));
    }
  }
}
