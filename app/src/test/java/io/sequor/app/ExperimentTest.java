package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.api.dev.DevMailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An A/B test of a first email's subject, end to end: variants go out in turn, replies make B win
 * once every variant has its sends, and the next enrolment's email carries B's copy.
 */
class ExperimentTest extends EmbeddedRuntimeTest {

  private static final String SUBJECT_A = "{{company}} after {{trigger}}";
  private static final String SUBJECT_B = "Quick question, {{first_name}}";
  private static final String BODY =
      "Hi {{first_name}}, I noticed {{trigger}} at {{company}}.\n\nWorth a look, Tue or Wed?";

  private static Map<String, Object> sequence(Map<String, Object> variant, String varies) {
    Map<String, Object> step = new HashMap<>();
    step.put("key", "email-0");
    step.put("channel", "EMAIL");
    step.put("dayOffset", 0);
    step.put("subject", SUBJECT_A);
    step.put("body", BODY);
    step.put("variants", List.of(variant));
    step.put("experiment", Map.of("varies", varies, "stopAfterSendsPerVariant", 2));
    Map<String, Object> bump =
        Map.of("key", "email-3", "channel", "EMAIL", "dayOffset", 3, "body", "Any thoughts?");
    return Map.of("name", "experiment " + UUID.randomUUID(), "steps", List.of(step, bump));
  }

  private String experimentOf(String sequenceId) {
    Reply page = get("/api/experiments?sequenceId=" + sequenceId);
    assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
    return page.body().path("items").get(0).path("id").asString();
  }

  private DevMailbox.Mail sentTo(Map<String, Object> prospect) {
    return await()
        .atMost(PATIENCE)
        .until(() -> emailsTo(prospect.get("email")), m -> !m.isEmpty())
        .get(0);
  }

  @Test
  void onceEveryVariantHasItsSendsTheBetterOneWinsAndNewEnrolmentsGetItsCopy() {
    Reply saved =
        post("/api/sequences", sequence(Map.of("key", "B", "subject", SUBJECT_B), "SUBJECT"));
    assertThat(saved.status()).as("%s", saved.body()).isEqualTo(201);
    assertThat(saved.body().path("warnings")).isEmpty();
    String sequenceId = saved.body().path("sequenceId").asString();
    String experimentId = experimentOf(sequenceId);

    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> prospect = prospect("ab-" + i);
      String id = enrol(sequenceId, prospect).path("id").asString();
      awaitStep(id, "email-0", "SENT");
      String subject = sentTo(prospect).subject();
      subjects.add(subject);
      if (subject.startsWith("Quick question")) {
        respond(id, Map.of("channel", "EMAIL", "kind", "REPLY", "text", "Tell me more"));
        awaitStatus(id, "STOPPED");
      }
    }
    assertThat(subjects)
        .containsExactly(
            "Analytical Engines after your new Head of Sales role",
            "Quick question, Ada",
            "Analytical Engines after your new Head of Sales role",
            "Quick question, Ada");

    Map<String, Object> later = prospect("ab-after");
    String id = enrol(sequenceId, later).path("id").asString();
    awaitStep(id, "email-0", "SENT");

    assertThat(sentTo(later).subject()).isEqualTo("Quick question, Ada");
    JsonNode report = get("/api/experiments/" + experimentId).body();
    assertThat(report.path("status").asString()).isEqualTo("ENDED");
    assertThat(report.path("winner").asString()).isEqualTo("B");
    assertThat(report.path("endedReason").asString()).startsWith("every variant had 2 sends");
    JsonNode b = report.path("arms").get(1);
    assertThat(b.path("variant").asString()).isEqualTo("B");
    assertThat(b.path("sends").asLong()).isEqualTo(3);
    assertThat(b.path("replies").asLong()).isEqualTo(2);
    assertThat(report.path("arms").get(0).path("replies").asLong()).isZero();
    assertThat(report.path("comparisons").get(0).path("sentence").asString())
        .startsWith("B beats A on reply rate");
  }

  @Test
  void aVariantChangingTheSubjectAndTheCtaIsSavedWithAWarning() {
    Reply saved =
        post(
            "/api/sequences",
            sequence(
                Map.of(
                    "key",
                    "B",
                    "subject",
                    SUBJECT_B,
                    "body",
                    BODY.replace("Worth a look, Tue or Wed?", "Shall I send it?")),
                "CTA"));

    assertThat(saved.status()).as("%s", saved.body()).isEqualTo(201);
    JsonNode warning = saved.body().path("warnings").get(0);
    assertThat(warning.path("field").asString()).isEqualTo("steps[0].variants[0]");
    assertThat(warning.path("rule").asString()).isEqualTo("one-variable-at-a-time");
    assertThat(warning.path("message").asString())
        .isEqualTo(
            "variant B differs from A in subject and cta; the experiment varies cta only: change"
                + " one thing at a time");

    Reply preview =
        post(
            "/api/sequences/" + saved.body().path("sequenceId").asString() + "/preview",
            Map.of("prospect", prospect("preview")));
    assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
    JsonNode b = preview.body().path("steps").get(0).path("variants").get(0);
    assertThat(b.path("key").asString()).isEqualTo("B");
    assertThat(b.path("subject").asString()).isEqualTo("Quick question, Ada");
    assertThat(b.path("body").asString()).endsWith("Shall I send it?");
  }

  @Test
  void aProspectWhoCannotFillVariantBIsRefusedAtEnrolment() {
    String sequenceId =
        post(
                "/api/sequences",
                sequence(Map.of("key", "B", "subject", "{{tool}} at {{company}}"), "SUBJECT"))
            .body()
            .path("sequenceId")
            .asString();

    Reply refused =
        post("/api/enrolments", Map.of("sequenceId", sequenceId, "prospect", prospect("no-tool")));

    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
    assertThat(refused.body().path("errors").get(0).path("reason").asString())
        .contains("{{tool}}", "variant B");
  }

  @Test
  void endingByHandNamesAKnownWinnerOnce() {
    Reply saved =
        post("/api/sequences", sequence(Map.of("key", "B", "subject", SUBJECT_B), "SUBJECT"));
    String experimentId = experimentOf(saved.body().path("sequenceId").asString());

    Reply unknown = post("/api/experiments/" + experimentId + "/end", Map.of("winner", "Q"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("errors").get(0).path("field").asString()).isEqualTo("winner");
    Reply ended = post("/api/experiments/" + experimentId + "/end", Map.of("winner", "B"));
    assertThat(ended.status()).as("%s", ended.body()).isEqualTo(200);
    assertThat(ended.body().path("winner").asString()).isEqualTo("B");
    assertThat(post("/api/experiments/" + experimentId + "/end", Map.of("winner", "A")).status())
        .isEqualTo(409);
    assertThat(
            get("/api/experiments?status=ENDED&sequenceId="
                    + saved.body().path("sequenceId").asString())
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo(experimentId);
  }
}
