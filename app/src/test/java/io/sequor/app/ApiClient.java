package io.sequor.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the API as one key holder, with every header of the answer at hand. */
final class ApiClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;
  private final JsonMapper json;

  ApiClient(int port, JsonMapper json) {
    this.port = port;
    this.json = json;
  }

  /** An HTTP answer with its headers and its body as text and, when JSON, parsed. */
  record Answer(int status, HttpResponse<String> response, JsonNode body) {
    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    String text() {
      return response.body();
    }
  }

  /**
   * @param key the API key to send; null sends none
   * @param body a String is sent as is, anything else as JSON; null sends no body
   */
  Answer call(String key, String method, String path, Object body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : json.writeValueAsString(body)));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (body != null && !typed) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = null;
      if (!response.body().isBlank()
          && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
        parsed = json.readTree(response.body());
      }
      return new Answer(response.statusCode(), response, parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
