package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Designing sequences over HTTP: channel limits, copy warnings, immutable versions. */
class SequenceApiTest extends EmbeddedRuntimeTest {

  private static Map<String, Object> inMail(String key, int day, String body) {
    return Map.of(
        "key", key, "channel", "LINKEDIN_INMAIL", "dayOffset", day, "subject", "Hi", "body", body);
  }

  private static String name() {
    return "test sequence " + UUID.randomUUID();
  }

  @Nested
  class ChannelLimits {

    @Test
    void anInMailBodyOf1901CharactersIsRefusedNamingTheStep() {
      Reply reply =
          post(
              "/api/sequences",
              Map.of("name", name(), "steps", List.of(inMail("long", 0, "x".repeat(1901)))));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("steps[0].body");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("1901", "1900");
    }

    @Test
    void anInMailBodyOf1900CharactersIsSavedWithALengthWarning() {
      Reply reply =
          post(
              "/api/sequences",
              Map.of("name", name(), "steps", List.of(inMail("long", 0, "x".repeat(1900)))));
      assertThat(reply.status()).isEqualTo(201);
      assertThat(rules(reply.body().path("warnings"))).containsExactly("inmail-length");
    }

    @Test
    void anUnknownChannelIsNamed() {
      Reply reply =
          post(
              "/api/sequences",
              Map.of(
                  "name",
                  name(),
                  "steps",
                  List.of(Map.of("key", "fax", "channel", "FAX", "dayOffset", 0, "body", "Hi"))));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("steps[0].channel");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("LINKEDIN_INMAIL", "EMAIL");
    }

    @Test
    void aNegativeDayAConnectionNoteOver300AndAnEmailWithoutSubjectAreAllNamed() {
      Reply reply =
          post(
              "/api/sequences",
              Map.of(
                  "name",
                  name(),
                  "steps",
                  List.of(
                      inMail("early", -1, "Hi {{first_name}}"),
                      Map.of(
                          "key",
                          "connect",
                          "channel",
                          "LINKEDIN_CONNECT",
                          "dayOffset",
                          1,
                          "body",
                          "y".repeat(301)),
                      Map.of("key", "mail", "channel", "EMAIL", "dayOffset", 1, "body", "Hi"))));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply))
          .containsExactlyInAnyOrder("steps[0].dayOffset", "steps[1].body", "steps[2].subject");
    }
  }

  @Test
  void softRulesComeBackAsWarningsNotErrors() {
    String stacked =
        "Hi {{first_name}}, are you hiring? Do you use a CRM? Would a demo help? "
            + "word ".repeat(130);
    Reply reply =
        post("/api/sequences", Map.of("name", name(), "steps", List.of(inMail("s", 0, stacked))));
    assertThat(reply.status()).isEqualTo(201);
    assertThat(rules(reply.body().path("warnings")))
        .containsExactlyInAnyOrder("inmail-length", "stacked-cta", "word-count");
  }

  @Test
  void editingMakesANewVersionAndEnrolmentsKeepTheVersionTheyStartedOn() {
    Reply created =
        post(
            "/api/sequences",
            Map.of("name", name(), "steps", List.of(inMail("hello", 0, "Hello {{first_name}}"))));
    String sequenceId = created.body().path("sequenceId").asString();
    String onV1 = enrol(sequenceId, prospect("v1")).path("id").asString();

    Reply v2 =
        post(
            "/api/sequences/" + sequenceId + "/versions",
            Map.of("steps", List.of(inMail("hello", 0, "Hi again {{first_name}}"))));
    assertThat(v2.status()).isEqualTo(201);
    assertThat(v2.body().path("version").asInt()).isEqualTo(2);

    assertThat(enrolment(onV1).path("sequenceVersion").asInt()).isEqualTo(1);
    assertThat(
            enrolment(enrol(sequenceId, prospect("v2")).path("id").asString())
                .path("sequenceVersion")
                .asInt())
        .isEqualTo(2);
    JsonNode v1 = get("/api/sequences/" + sequenceId + "/versions/1").body();
    assertThat(v1.path("steps").get(0).path("body").asString()).isEqualTo("Hello {{first_name}}");
    assertThat(get("/api/sequences/" + sequenceId + "/versions").body()).hasSize(2);
  }

  @Test
  void aSecondSequenceWithTheSameNameIsAConflict() {
    String name = name();
    post("/api/sequences", Map.of("name", name, "steps", List.of(inMail("a", 0, "Hi"))));
    Reply again =
        post("/api/sequences", Map.of("name", name, "steps", List.of(inMail("a", 0, "Hi"))));
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void anUnknownSequenceIs404() {
    assertThat(get("/api/sequences/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  private static List<String> rules(JsonNode warnings) {
    return warnings.valueStream().map(w -> w.path("rule").asString()).toList();
  }
}
