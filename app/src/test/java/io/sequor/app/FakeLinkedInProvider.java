package io.sequor.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A LinkedIn provider on 127.0.0.1 speaking the API in docs/linkedin-provider.md: it accepts sends
 * (once per {@code Idempotency-Key}), knows no Open Profiles, and answers the credit balance read
 * with whatever the test set.
 */
final class FakeLinkedInProvider implements AutoCloseable {

  /** One request as the provider saw it. */
  record Request(String method, String path, String idempotencyKey) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> sent = new ConcurrentHashMap<>();
  private final Map<String, Answer> refusals = new ConcurrentHashMap<>();
  private final AtomicReference<Answer> credits = new AtomicReference<>(new Answer(404, ""));
  private final AtomicInteger ids = new AtomicInteger();

  FakeLinkedInProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The credit balance read answers this count from now on. */
  void reportCredits(int inMailCredits) {
    credits.set(new Answer(200, "{\"inmail_credits\":" + inMailCredits + "}"));
  }

  /** The credit balance read fails with this status from now on. */
  void failCreditReads(int status) {
    credits.set(new Answer(status, "{\"code\":\"unavailable\"}"));
  }

  /** The next send to this profile is refused with this answer. */
  void refuseNextSendTo(String profileUrl, int status, String body) {
    refusals.put(profileUrl, new Answer(status, body));
  }

  List<Request> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      requests.add(new Request(exchange.getRequestMethod(), path, key));
      Answer answer;
      if (path.startsWith("/api/v1/accounts/")) {
        answer = credits.get();
      } else if (path.equals("/api/v1/users/profile")) {
        answer = new Answer(404, "");
      } else {
        Answer refusal =
            refusals.keySet().stream()
                .filter(profile -> body.contains("\"recipient\":\"" + profile + "\""))
                .findFirst()
                .map(refusals::remove)
                .orElse(null);
        answer =
            refusal != null
                ? refusal
                : sent.computeIfAbsent(
                    key == null ? "none-" + ids.incrementAndGet() : key,
                    k ->
                        new Answer(201, "{\"message_id\":\"fake-" + ids.incrementAndGet() + "\"}"));
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
