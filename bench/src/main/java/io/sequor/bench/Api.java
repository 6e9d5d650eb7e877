package io.sequor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Sequor HTTP API on loopback, as a client sees it. */
final class Api {

  private final HttpClient http;
  private final String base;
  private final JsonMapper json;
  private final String authorization;

  Api(int port, JsonMapper json, String apiKey) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = "http://127.0.0.1:" + port;
    this.json = json;
    this.authorization = "Bearer " + apiKey;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Object body, String idempotencyKey, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode read(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  /** The id of the example sequence the embedded runtime loads at start. */
  String canonicalSequenceId() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/sequences");
    expect(response, 200);
    for (JsonNode sequence : read(response)) {
      if (sequence.path("name").asString().startsWith("Canonical play")) {
        return sequence.path("id").asString();
      }
    }
    throw new IllegalStateException("no example sequence in " + response.body());
  }

  /** An enrolment request for a prospect nobody else in this run uses. */
  Map<String, Object> enrolment(String sequenceId, String who) {
    Map<String, Object> prospect = new LinkedHashMap<>();
    prospect.put("email", who + "@bench.example.com");
    prospect.put("linkedinUrl", "https://www.linkedin.com/in/" + who);
    prospect.put("firstName", "Bench");
    prospect.put("company", "Company " + who);
    prospect.put("fields", Map.of("trigger", "the Series B"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sequenceId", sequenceId);
    body.put("prospect", prospect);
    return body;
  }

  /** Enrols one prospect and answers the enrolment id. */
  String enrol(String sequenceId, String who) throws IOException, InterruptedException {
    HttpResponse<String> response =
        post("/api/enrolments", enrolment(sequenceId, who), who, Duration.ofSeconds(30));
    expect(response, 201);
    return read(response).path("id").asString();
  }

  /** Moves the engine clock forward; every timer due on the way fires, in order. */
  void advance(String by) throws IOException, InterruptedException {
    expect(post("/api/dev/clock/advance", Map.of("by", by), null, Duration.ofMinutes(5)), 200);
  }

  static void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }
}
