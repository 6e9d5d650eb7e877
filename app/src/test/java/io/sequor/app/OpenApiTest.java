package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description a client developer reads: every operation a client calls says what it
 * does and shows an example of what it sends and what it gets back.
 */
class OpenApiTest extends EmbeddedRuntimeTest {

  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void everyOperationHasASummaryAndExamplesForItsJsonRequestAndResponse() {
    JsonNode docs = get("/v3/api-docs").body();
    JsonNode paths = docs.path("paths");
    List<String> operations = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String path : paths.propertyNames()) {
      if (!path.startsWith("/api/") && !path.startsWith("/u/")) {
        continue;
      }
      for (String method : METHODS) {
        JsonNode operation = paths.path(path).path(method);
        if (operation.isMissingNode()) {
          continue;
        }
        String name = method.toUpperCase() + " " + path;
        operations.add(name);
        if (operation.path("summary").asString("").isBlank()) {
          missing.add(name + ": summary");
        }
        JsonNode request = json(operation.path("requestBody").path("content"));
        if (request != null
            && !hasExample(docs, request)
            && !rawWithExample(docs, operation.path("requestBody").path("content"), request)) {
          missing.add(name + ": request example");
        }
        String success = firstSuccess(operation.path("responses"));
        if (success != null) {
          JsonNode response = json(operation.path("responses").path(success).path("content"));
          if (response != null && !hasExample(docs, response)) {
            missing.add(name + ": " + success + " response example");
          }
        }
      }
    }
    assertThat(operations).as("operations under /api/ and /u/").hasSizeGreaterThan(20);
    assertThat(missing)
        .as("operations missing something (%d):%n%s", missing.size(), String.join("\n", missing))
        .isEmpty();
  }

  /** Operations that create something answer 201; the description must say so, not 200. */
  @Test
  void everyCreateIsDocumentedAs201() {
    JsonNode paths = get("/v3/api-docs").body().path("paths");
    List<String> wrong = new ArrayList<>();
    for (String path :
        List.of(
            "/api/seats",
            "/api/seats/{id}/purchases",
            "/api/enrolments",
            "/api/mailboxes",
            "/api/webhooks",
            "/api/campaigns",
            "/api/sequences",
            "/api/sequences/{id}/versions",
            "/api/keys",
            "/api/workspaces",
            "/api/meetings",
            "/api/prospect-imports")) {
      JsonNode responses = paths.path(path).path("post").path("responses");
      if (!responses.has("201") || responses.has("200")) {
        wrong.add("POST " + path + " documents " + responses.propertyNames());
      }
    }
    assertThat(wrong).as("creates not documented as 201").isEmpty();
  }

  /**
   * The JSON media type of a body: application/json or a +json type, or the "any" type springdoc
   * gives a response whose controller declares none (the API answers it as JSON) unless it is a
   * plain string (an HTML page).
   */
  private static JsonNode json(JsonNode content) {
    for (String type : content.propertyNames()) {
      boolean any =
          type.equals("*/*")
              && !content.path(type).path("schema").path("type").asString("").equals("string");
      if (type.equals("application/json") || type.endsWith("+json") || any) {
        return content.path(type);
      }
    }
    return null;
  }

  /**
   * A body read as raw bytes (a signed webhook) is shown as a JSON string; its example then sits on
   * the media type it really is, such as message/rfc822.
   */
  private static boolean rawWithExample(JsonNode docs, JsonNode content, JsonNode json) {
    String format = json.path("schema").path("format").asString("");
    if (!json.path("schema").path("type").asString("").equals("string")
        || !(format.equals("byte") || format.equals("binary"))) {
      return false;
    }
    return content.valueStream().anyMatch(media -> hasExample(docs, media));
  }

  private static String firstSuccess(JsonNode responses) {
    return responses.propertyNames().stream()
        .filter(code -> code.startsWith("2"))
        .sorted()
        .findFirst()
        .orElse(null);
  }

  private static boolean hasExample(JsonNode docs, JsonNode media) {
    if (media.has("example") || !media.path("examples").isEmpty()) {
      return true;
    }
    JsonNode schema = media.path("schema");
    if (schema.path("type").asString("").equals("array") && !schema.has("example")) {
      // Swagger UI shows a list of one item built from the item's example.
      schema = schema.path("items");
    }
    String ref = schema.path("$ref").asString("");
    if (!ref.isEmpty()) {
      schema =
          docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return schema.has("example");
  }
}
