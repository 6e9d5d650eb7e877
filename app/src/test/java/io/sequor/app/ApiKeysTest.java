package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.app.ApiClient.Answer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** API keys: who may call what, and how often. */
class ApiKeysTest extends EmbeddedRuntimeTest {

  @Autowired JdbcClient jdbc;

  private ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port, json);
  }

  /** A new key of the default workspace; answers the key itself. */
  private String newKey(String scope) {
    return issue(Map.of("name", "test " + scope, "scopes", List.of(scope))).path("key").asString();
  }

  private JsonNode issue(Map<String, Object> request) {
    Answer made = api.call(ADMIN_KEY, "POST", "/api/keys", request);
    assertThat(made.status()).as("make key: %s", made.text()).isEqualTo(201);
    return made.body();
  }

  @Test
  void aNewKeyIsShownOnceAndStoredOnlyAsItsHash() {
    JsonNode made = issue(Map.of("name", "CRM sync", "scopes", List.of("ENROL")));
    String key = made.path("key").asString();
    assertThat(key).startsWith("sq_").hasSizeGreaterThan(40);
    assertThat(made.path("prefix").asString()).isEqualTo(key.substring(0, 11));

    Answer listed = api.call(ADMIN_KEY, "GET", "/api/keys", null);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.text()).doesNotContain(key).contains(made.path("id").asString());
    JsonNode row =
        listed
            .body()
            .valueStream()
            .filter(k -> k.path("id").asString().equals(made.path("id").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(row.path("scopes").toString()).isEqualTo("[\"ENROL\"]");
    assertThat(row.has("key")).isFalse();

    String stored =
        jdbc.sql("SELECT key_hash || prefix || name FROM api_keys WHERE id = ?")
            .param(UUID.fromString(made.path("id").asString()))
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain(key);
  }

  @Test
  void everyAnswerCarriesTheKeysRateLimitHeaders() {
    Answer answer = api.call(ADMIN_KEY, "GET", "/api/sequences", null);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("RateLimit-Limit")).hasValue("200");
    assertThat(Long.parseLong(answer.header("RateLimit-Remaining").orElseThrow()))
        .isBetween(0L, 199L);
    assertThat(answer.header("RateLimit-Reset")).isPresent();
  }

  @Test
  void aKeyHeldToALowRateGets429WithRetryAfterWhenItBursts() {
    String key =
        issue(
                Map.of(
                    "name",
                    "throttled automation",
                    "scopes",
                    List.of("ENROL"),
                    "rateLimit",
                    Map.of("requestsPerSecond", 1, "burst", 2)))
            .path("key")
            .asString();

    assertThat(api.call(key, "GET", "/api/sequences", null).status()).isEqualTo(200);
    Answer second = api.call(key, "GET", "/api/sequences", null);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("RateLimit-Limit")).hasValue("2");
    Answer third = api.call(key, "GET", "/api/sequences", null);

    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
    assertThat(Integer.parseInt(third.header("Retry-After").orElseThrow())).isBetween(1, 2);
    assertThat(third.header("RateLimit-Remaining")).hasValue("0");
    assertThat(third.body().path("status").asInt()).isEqualTo(429);
    // Another key is not held back by this one.
    assertThat(api.call(ADMIN_KEY, "GET", "/api/sequences", null).status()).isEqualTo(200);
  }

  @Test
  void aKeyCannotBeGivenAHigherRateThanTheInstallations() {
    Answer refused =
        api.call(
            ADMIN_KEY,
            "POST",
            "/api/keys",
            Map.of(
                "name",
                "greedy",
                "scopes",
                List.of("ADMIN"),
                "rateLimit",
                Map.of("requestsPerSecond", 51, "burst", 201)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("errors").valueStream().map(e -> e.path("field").asString()))
        .containsExactlyInAnyOrder("rateLimit.requestsPerSecond", "rateLimit.burst");
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    JsonNode made = issue(Map.of("name", "short-lived", "scopes", List.of("ADMIN")));
    String key = made.path("key").asString();
    assertThat(api.call(key, "GET", "/api/seats", null).status()).isEqualTo(200);

    Answer revoked = api.call(ADMIN_KEY, "DELETE", "/api/keys/" + made.path("id").asString(), null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().path("revokedAt").isNull()).isFalse();

    Answer refused = api.call(key, "GET", "/api/seats", null);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(h -> h.startsWith("Bearer"));
  }

  @Test
  void theLastLiveAdminKeyOfAWorkspaceCannotBeRevoked() {
    JsonNode workspace =
        api.call(ADMIN_KEY, "POST", "/api/workspaces", Map.of("name", "solo " + UUID.randomUUID()))
            .body();
    String key = workspace.path("adminKey").path("key").asString();
    String id = workspace.path("adminKey").path("id").asString();

    Answer refused = api.call(key, "DELETE", "/api/keys/" + id, null);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(api.call(key, "GET", "/api/workspace", null).status()).isEqualTo(200);
  }

  @Test
  void theOperatorMakesAWorkspaceWhoseKeySeesOnlyItself() {
    String name = "Acme " + UUID.randomUUID();
    Answer made = api.call(ADMIN_KEY, "POST", "/api/workspaces", Map.of("name", name));
    assertThat(made.status()).as("%s", made.text()).isEqualTo(201);
    String key = made.body().path("adminKey").path("key").asString();
    assertThat(made.body().path("adminKey").path("scopes").toString()).isEqualTo("[\"ADMIN\"]");

    Answer mine = api.call(key, "GET", "/api/workspace", null);
    assertThat(mine.body().path("name").asString()).isEqualTo(name);
    assertThat(mine.body().path("id").asString())
        .isEqualTo(made.body().path("workspace").path("id").asString());
    assertThat(api.call(key, "GET", "/api/seats", null).body()).isEmpty();
    assertThat(api.call(key, "GET", "/api/sequences", null).body()).isEmpty();
  }

  @Nested
  class Refusals {

    @Test
    void aRequestWithoutAKeyGets401WithABearerChallenge() {
      Answer answer = api.call(null, "GET", "/api/enrolments", null);
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer realm=\"sequor\"");
      assertThat(answer.body().path("detail").asString()).contains("Authorization: Bearer");
    }

    @Test
    void anUnknownKeyGets401() {
      Answer answer = api.call("sq_not-a-key-anybody-was-given", "GET", "/api/seats", null);
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.body().path("detail").asString()).contains("unknown or revoked");
    }

    @Test
    void anEnrolKeyMayEnrolButGets403NamingAdminOnAnAdminEndpoint() {
      String key = newKey("ENROL");
      assertThat(api.call(key, "GET", "/api/sequences", null).status()).isEqualTo(200);
      Answer enrolled =
          api.call(
              key,
              "POST",
              "/api/enrolments",
              Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect("enrol-scope")));
      assertThat(enrolled.status()).as("%s", enrolled.text()).isEqualTo(201);

      Answer refused =
          api.call(
              key,
              "POST",
              "/api/seats",
              Map.of("id", "nope", "plan", "test-plenty", "renewalDay", 1, "timezone", "UTC"));

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().path("detail").asString()).contains("ADMIN");
      assertThat(api.call(ADMIN_KEY, "GET", "/api/seats/nope", null).status()).isEqualTo(404);
    }

    @Test
    void onlyTheDefaultWorkspacesAdminMakesWorkspaces() {
      String otherAdmin =
          api.call(ADMIN_KEY, "POST", "/api/workspaces", Map.of("name", "tenant"))
              .body()
              .path("adminKey")
              .path("key")
              .asString();
      for (String key : List.of(otherAdmin, newKey("ENROL"))) {
        Answer refused = api.call(key, "POST", "/api/workspaces", Map.of("name", "mine now"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("detail").asString()).contains("default workspace");
      }
    }

    @Test
    void signedWebhooksUnsubscribePagesAndTheApiDescriptionTakeNoKey() {
      Answer webhook = api.call(null, "POST", "/api/webhooks/linkedin", "{}");
      assertThat(webhook.status()).isEqualTo(401);
      assertThat(webhook.header("WWW-Authenticate")).isEmpty();
      assertThat(webhook.text()).contains("X-Sequor-Timestamp");
      assertThat(api.call(null, "GET", "/v3/api-docs", null).status()).isEqualTo(200);
      assertThat(api.call(null, "GET", "/actuator/health", null).status()).isNotEqualTo(401);
      assertThat(api.call(null, "GET", "/u/not-a-token", null).status()).isNotEqualTo(401);
    }
  }
}
