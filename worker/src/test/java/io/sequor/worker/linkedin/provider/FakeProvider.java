package io.sequor.worker.linkedin.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LinkedIn provider on 127.0.0.1 that answers from a script, records every request, and, like a
 * real provider, replays its first successful answer to a repeated {@code Idempotency-Key} instead
 * of delivering again.
 */
final class FakeProvider implements AutoCloseable {

  /** One request as the provider saw it. */
  record Request(
      String method, String path, String query, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private record Answer(int status, String body, Map<String, String> headers, Duration delay) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> byKey = new ConcurrentHashMap<>();
  private final AtomicInteger deliveries = new AtomicInteger();

  FakeProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next unscripted request gets this answer; headers as name, value pairs. */
  FakeProvider answer(int status, String body, String... headers) {
    return answerAfter(Duration.ZERO, status, body, headers);
  }

  FakeProvider answerAfter(Duration delay, int status, String body, String... headers) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    script.add(new Answer(status, body, map, delay));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request lastRequest() {
    return requests.get(requests.size() - 1);
  }

  /** Sends the provider actually carried out: successful, and not replays of an earlier key. */
  int deliveries() {
    return deliveries.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              headers,
              body));
      String key = headers.get("idempotency-key");
      Answer earlier = key == null ? null : byKey.get(key);
      Answer answer = earlier != null ? earlier : next();
      if (earlier == null && key != null && answer.status() / 100 == 2) {
        byKey.put(key, answer);
        deliveries.incrementAndGet();
      }
      if (!answer.delay().isZero()) {
        Thread.sleep(answer.delay().toMillis());
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Answer next() {
    Answer scripted = script.poll();
    if (scripted != null) {
      return scripted;
    }
    int n = requests.size();
    return new Answer(
        201,
        "{\"object\":\"ChatStarted\",\"chat_id\":\"chat-"
            + n
            + "\",\"message_id\":\"msg-"
            + n
            + "\"}",
        Map.of(),
        Duration.ZERO);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
