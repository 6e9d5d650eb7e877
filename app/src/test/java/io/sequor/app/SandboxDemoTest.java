package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded runtime's simulated LinkedIn, set through the dev API the way a demo would: a member
 * made Open Profile or InMail-refusing at run time, and scripted answers that land after a delay on
 * the engine's clock. Every test uses its own prospect, so its own profile URL.
 */
class SandboxDemoTest extends EmbeddedRuntimeTest {

  private static final String PROFILES = "/api/dev/linkedin/profiles";

  private static String at(Object profileUrl) {
    return PROFILES + "?url=" + URLEncoder.encode((String) profileUrl, StandardCharsets.UTF_8);
  }

  private JsonNode setProfile(Object profileUrl, Map<String, Object> behaviour) {
    Reply reply = put(at(profileUrl), behaviour);
    assertThat(reply.status()).as("set profile: %s", reply.body()).isEqualTo(200);
    return reply.body();
  }

  @Test
  void aMemberMadeOpenProfileAtRunTimeTakesTheInMailWithoutACredit() {
    Map<String, Object> prospect = prospect("open-at-runtime");
    setProfile(prospect.get("linkedinUrl"), Map.of("openProfile", true));

    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");

    JsonNode state = enrolment(id);
    JsonNode inMail = step(state, "day-0-inmail");
    assertThat(inMail.path("route").asString()).isEqualTo("PLANNED");
    assertThat(inMail.path("creditSpent").asBoolean()).isFalse();
    assertThat(inMail.path("detail").asString()).isEqualTo("Open Profile: no credit spent");
    assertThat(state.path("credits").path("spent").asInt()).isZero();
    assertThat(linkedInTo(prospect.get("linkedinUrl")))
        .singleElement()
        .satisfies(m -> assertThat(m.channel().name()).isEqualTo("LINKEDIN_INMAIL"));
  }

  @Test
  void aScriptedReplyLandsFourHoursAfterTheInMailOnTheEngineClockThenStopsAndRefunds() {
    Map<String, Object> prospect = prospect("scripted-reply");
    Object url = prospect.get("linkedinUrl");
    setProfile(
        url,
        Map.of(
            "script",
            List.of(
                Map.of(
                    "on",
                    "INMAIL",
                    "respond",
                    "REPLY",
                    "after",
                    "PT4H",
                    "text",
                    "Tuesday works."))));

    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    Instant sentAt = instant(step(enrolment(id), "day-0-inmail").path("sentAt"));
    assertThat(enrolment(id).path("credits").path("spent").asInt()).isEqualTo(1);
    JsonNode fired = get(at(url)).body().path("script").get(0);
    assertThat(fired.path("firedBy").asString()).startsWith("sandbox-");
    assertThat(instant(fired.path("landsAt")))
        .isBetween(
            sentAt.plus(Duration.ofHours(4)).minusSeconds(5), sentAt.plusSeconds(4 * 3600 + 5));

    advance(Duration.ofHours(3));
    JsonNode before = enrolment(id);
    assertThat(before.path("status").asString()).as("three hours on").isEqualTo("ACTIVE");
    assertThat(before.path("responses")).isEmpty();
    assertThat(before.path("credits").path("refunded").asInt()).isZero();

    advance(Duration.ofHours(2));
    awaitStatus(id, "STOPPED");
    JsonNode after = enrolment(id);
    assertThat(after.path("stopReason").asString()).isEqualTo("REPLIED");
    JsonNode response = after.path("responses").get(0);
    assertThat(response.path("channel").asString()).isEqualTo("LINKEDIN");
    assertThat(response.path("kind").asString()).isEqualTo("REPLY");
    assertThat(response.path("body").asString()).isEqualTo("Tuesday works.");
    assertThat(instant(response.path("occurredAt")))
        .isAfterOrEqualTo(sentAt.plus(Duration.ofHours(4)));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode credits = enrolment(id).path("credits");
              assertThat(credits.path("spent").asInt()).isEqualTo(1);
              assertThat(credits.path("refunded").asInt()).isEqualTo(1);
            });
    assertThat(step(enrolment(id), "day-0-inmail").path("creditRefunded").asBoolean()).isTrue();

    advance(Duration.ofDays(4));
    assertThat(linkedInTo(url)).as("no day-3 bump after the reply").hasSize(1);
    assertThat(enrolment(id).path("responses")).as("the reply lands once").hasSize(1);
  }

  @Test
  void aMemberWhoRefusesInMailAtRunTimeGetsTheInMailByTheStepsNoCreditPolicy() {
    Map<String, Object> prospect = prospect("refuses-at-runtime");
    setProfile(prospect.get("linkedinUrl"), Map.of("blocksInMail", true));

    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");

    JsonNode state = enrolment(id);
    JsonNode inMail = step(state, "day-0-inmail");
    assertThat(inMail.path("route").asString()).isEqualTo("EMAIL_INSTEAD");
    assertThat(inMail.path("detail").asString())
        .isEqualTo("recipient does not accept InMail; sent as email");
    assertThat(state.path("credits").path("spent").asInt()).isZero();
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).isEmpty();
    assertThat(emailsTo(prospect.get("email")))
        .extracting(m -> m.subject())
        .containsExactly("Analytical Engines after your new Head of Sales role");
  }

  @Test
  void aScriptedOutOfOfficeAnswersOnlyTheFirstInMailAndPausesUntilItsReturnDate() {
    Map<String, Object> prospect = prospect("scripted-away");
    Object url = prospect.get("linkedinUrl");
    Instant back = clock.now().plus(Duration.ofDays(2));
    setProfile(
        url,
        Map.of(
            "script",
            List.of(
                Map.of(
                    "on",
                    "INMAIL",
                    "respond",
                    "AUTO_REPLY",
                    "after",
                    "PT1H",
                    "text",
                    "Out of office",
                    "returnAt",
                    back.toString()))));

    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    awaitStep(id, "day-0-inmail", "SENT");
    advance(Duration.ofHours(2));
    awaitStatus(id, "PAUSED");
    JsonNode paused = enrolment(id);
    assertThat(instant(paused.path("pausedUntil"))).isEqualTo(back);
    assertThat(paused.path("responses").get(0).path("kind").asString()).isEqualTo("AUTO_REPLY");

    advance(Duration.ofDays(20));
    awaitStep(id, "day-14-exit", "SENT");
    assertThat(linkedInTo(url)).as("every InMail went out").hasSize(4);
    JsonNode done = enrolment(id);
    assertThat(done.path("responses")).as("later InMails get no second auto-reply").hasSize(1);
    assertThat(done.path("credits").path("refunded").asInt())
        .as("an auto-reply refunds the InMail it answers")
        .isEqualTo(1);
  }

  @Test
  void aResetMemberGoesBackToTheConfiguredBehaviour() {
    Map<String, Object> prospect = prospect("Reset-Me");
    String url = (String) prospect.get("linkedinUrl");
    String spelledOtherwise = url.replace("https://www.", "") + "/";

    JsonNode set = setProfile(spelledOtherwise, Map.of("openProfile", true));
    assertThat(set.path("url").asString()).isEqualTo(url.toLowerCase());
    assertThat(get(at(url)).body().path("openProfile").asBoolean()).isTrue();
    assertThat(urls(get(PROFILES).body())).contains(url.toLowerCase());

    Reply reset = delete(at(url));

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.body().path("openProfile").asBoolean()).isFalse();
    assertThat(get(at(url)).body().path("openProfile").asBoolean()).isFalse();
    assertThat(urls(get(PROFILES).body())).doesNotContain(url.toLowerCase());
    JsonNode configured = get(at("https://www.linkedin.com/in/blocks-inmail")).body();
    assertThat(configured.path("blocksInMail").asBoolean())
        .as("listed in sequor.linkedin.sandbox-blocking-profiles")
        .isTrue();
  }

  private static List<String> urls(JsonNode profiles) {
    List<String> urls = new ArrayList<>();
    profiles.forEach(p -> urls.add(p.path("url").asString()));
    return urls;
  }

  @Nested
  class BadInput {

    private List<String> fields(Reply reply) {
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
      List<String> fields = new ArrayList<>();
      reply.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
      return fields;
    }

    @Test
    void withoutAUrlTheAnswerNamesTheUrl() {
      assertThat(fields(put(PROFILES, Map.of("openProfile", true)))).containsExactly("url");
      assertThat(fields(delete(PROFILES))).containsExactly("url");
      assertThat(fields(put(PROFILES + "?url=https://example.com/ada", Map.of())))
          .containsExactly("url");
    }

    @Test
    void eachBadScriptEntryIsNamedAndNothingChanges() {
      Object url = prospect("bad-script").get("linkedinUrl");
      Reply reply =
          put(
              at(url),
              Map.of(
                  "openProfile",
                  true,
                  "script",
                  List.of(
                      Map.of("respond", "REPLY", "after", "PT4X"),
                      Map.of("respond", "WAVE"),
                      Map.of("respond", "REPLY", "after", "-PT1H"),
                      Map.of("on", "POKE", "respond", "BOUNCE"),
                      Map.of("respond", "REPLY", "returnAt", "2099-01-01T00:00:00Z"),
                      Map.of("after", "PT1H"))));

      assertThat(fields(reply))
          .containsExactlyInAnyOrder(
              "script[0].after",
              "script[1].respond",
              "script[2].after",
              "script[3].on",
              "script[3].respond",
              "script[4].returnAt",
              "script[5].respond");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .isEqualTo("'PT4X' is not an ISO-8601 duration like PT4H or P2D");
      assertThat(get(at(url)).body().path("openProfile").asBoolean())
          .as("a refused request changes nothing")
          .isFalse();
    }

    @Test
    void aMalformedReturnDateIsNamed() {
      Object url = prospect("bad-return").get("linkedinUrl");
      Map<String, Object> entry = Map.of("respond", "AUTO_REPLY", "returnAt", "next week");
      assertThat(fields(put(at(url), Map.of("script", List.of(entry)))))
          .containsExactly("script[0].returnAt");
    }
  }
}
