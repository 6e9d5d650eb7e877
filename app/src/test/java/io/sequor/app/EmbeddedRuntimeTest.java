package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.api.dev.DevClock;
import io.sequor.api.dev.DevMailbox;
import io.sequor.domain.addresses.TestDnsServer;
import io.sequor.domain.sequences.CanonicalPlay;
import io.sequor.worker.linkedin.LinkedInMessage;
import io.sequor.worker.linkedin.SandboxLinkedInGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that run the whole application in its embedded configuration: HTTP API, worker,
 * Temporal's test server, PostgreSQL and the SMTP mailbox, all real and in-process. Every subclass
 * shares one context, so one worker polls the shared task queue. Tests advance the shared Temporal
 * clock, so each one reasons relative to its own enrolment.
 */
@SpringBootTest(
    classes = {SequorApplication.class, TestChannels.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sequor.embedded.data-dir=",
      "sequor.embedded.postgres-port=0",
      "sequor.embedded.temporal-port=0",
      "sequor.embedded.smtp-port=0",
      "sequor.embedded.imap-port=0",
      "sequor.linkedin.default-seat-plan=test-plenty",
      "sequor.linkedin.plans.test-plenty.monthly-credits=1000000",
      "sequor.linkedin.plans.test-plenty.cost-per-credit=1",
      "sequor.linkedin.plans.test-empty.monthly-credits=0",
      "sequor.linkedin.plans.test-empty.cost-per-credit=1",
      "sequor.linkedin.plans.test-three.monthly-credits=3",
      "sequor.linkedin.plans.test-three.cap=3",
      "sequor.linkedin.plans.test-three.cost-per-credit=1",
      "sequor.linkedin.plans.test-five.monthly-credits=5",
      "sequor.linkedin.plans.test-five.cap=10",
      "sequor.linkedin.plans.test-five.credits-purchasable=true",
      "sequor.linkedin.plans.test-five.credit-price=10",
      "sequor.linkedin.plans.test-five.cost-per-credit=10",
      "sequor.linkedin.sandbox-blocking-profiles=https://www.linkedin.com/in/blocks-inmail",
      "sequor.linkedin.provider.webhook-secret=embedded-test-webhook-secret",
      "sequor.inbound.webhook-secret=embedded-test-inbound-secret",
      "sequor.inbound.calendar-webhook-secret=embedded-test-calendar-secret",
      "sequor.api.bootstrap-key=" + EmbeddedRuntimeTest.ADMIN_KEY,
      "sequor.inbound.poll-interval=PT2S",
      "sequor.enrolment.manual-task-missed=NEXT_WINDOW",
      "sequor.enrolment.manual-task-max-pushes=1",
      "sequor.addresses.resolver=${sequor.test.dns-server}",
      "sequor.addresses.trusted-domains=",
      "sequor.addresses.timeout=PT2S",
      // Small batches, so a short CSV in a test crosses several of them.
      "sequor.prospects.import-batch-size=3",
      "logging.level.io.temporal=WARN"
    })
public abstract class EmbeddedRuntimeTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * The DNS server the address verifier asks, one per JVM like the context that uses it. Every
   * domain has a mail server unless a test scripts otherwise.
   */
  static final TestDnsServer DNS = TestDnsServer.start(TestDnsServer.Fallback.MAIL_SERVER);

  static {
    System.setProperty("sequor.test.dns-server", DNS.address());
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired DevClock clock;
  @Autowired DevMailbox mailbox;
  @Autowired SandboxLinkedInGateway linkedIn;

  /** An HTTP answer: status and parsed JSON body. */
  protected record Reply(int status, JsonNode body) {}

  protected Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  protected Reply post(String path, Object body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body instanceof String s ? s : json.writeValueAsString(body)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  protected Reply put(String path, Object body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build());
  }

  /** The {@code X-Sequor-Signature} of a webhook body, as a sender holding {@code key} makes it. */
  protected static String signature(String key, String timestamp, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal((timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "sha256=" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts a webhook body signed now with {@code key}, as its sender would. */
  protected Reply postSigned(String path, String key, String body) {
    String now = String.valueOf(java.time.Instant.now().getEpochSecond());
    return post(
        path, body, "X-Sequor-Timestamp", now, "X-Sequor-Signature", signature(key, now, body));
  }

  protected Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
  }

  /** The default workspace's bootstrap ADMIN key. */
  protected static final String ADMIN_KEY = "sq_test-bootstrap-admin-key-0123456789";

  /**
   * Sends as the default workspace's admin unless the request carries its own Authorization. Like a
   * well-behaved client, it waits out a 429 for the Retry-After it names and tries again: tests
   * that read hundreds of enrolments in a loop may outrun the admin key's rate limit on a fast
   * machine. (ApiKeysTest checks the 429 itself with its own client.)
   */
  protected Reply send(HttpRequest request) {
    if (request.headers().firstValue("Authorization").isEmpty()) {
      request =
          HttpRequest.newBuilder(request, (name, value) -> true)
              .header("Authorization", "Bearer " + ADMIN_KEY)
              .build();
    }
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      for (int retry = 0; response.statusCode() == 429 && retry < 10; retry++) {
        long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
        Thread.sleep(Duration.ofSeconds(Math.max(1, wait)).toMillis());
        response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      }
      String text = response.body();
      return new Reply(response.statusCode(), text.isBlank() ? null : json.readTree(text));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A prospect nobody else uses, with every placeholder the canonical play needs. */
  protected static Map<String, Object> prospect(String name) {
    String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    return Map.of(
        "email",
        slug + "@example.com",
        "linkedinUrl",
        "https://www.linkedin.com/in/" + slug,
        "firstName",
        "Ada",
        "company",
        "Analytical Engines",
        "fields",
        Map.of("trigger", "your new Head of Sales role"));
  }

  /** The built-in example, under the fixed id the README's commands use. */
  protected String canonicalSequenceId() {
    Reply example = get("/api/sequences/" + CanonicalPlay.ID);
    assertThat(example.status()).as("the embedded runtime loads the canonical play").isEqualTo(200);
    return CanonicalPlay.ID.toString();
  }

  protected JsonNode enrol(String sequenceId, Map<String, Object> prospect) {
    Reply reply = post("/api/enrolments", Map.of("sequenceId", sequenceId, "prospect", prospect));
    assertThat(reply.status()).as("enrol: %s", reply.body()).isEqualTo(201);
    return reply.body();
  }

  /** Enrols on a chosen seat and answers the enrolment's id. */
  protected String enrolOn(String sequenceId, Map<String, Object> prospect, String seatId) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("sequenceId", sequenceId, "prospect", prospect));
    body.put("seatId", seatId);
    Reply reply = post("/api/enrolments", body);
    assertThat(reply.status()).as("enrol: %s", reply.body()).isEqualTo(201);
    return reply.body().path("id").asString();
  }

  /** A new seat on a plan, renewing on the 1st, in UTC, created through the API. */
  protected String newSeat(String plan) {
    String id = "seat-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created =
        post("/api/seats", Map.of("id", id, "plan", plan, "renewalDay", 1, "timezone", "UTC"));
    assertThat(created.status()).as("create seat: %s", created.body()).isEqualTo(201);
    return id;
  }

  protected JsonNode enrolment(String id) {
    Reply reply = get("/api/enrolments/" + id);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  protected JsonNode step(JsonNode enrolment, String key) {
    for (JsonNode step : enrolment.path("steps")) {
      if (step.path("key").asString().equals(key)) {
        return step;
      }
    }
    throw new AssertionError("no step " + key);
  }

  /** Moves the shared clock, then waits for the work it released to settle. */
  protected void advance(Duration by) {
    clock.advance(by);
  }

  protected void respond(String enrolmentId, Map<String, Object> response) {
    Reply reply = post("/api/enrolments/" + enrolmentId + "/responses", response);
    assertThat(reply.status()).as("respond: %s", reply.body()).isEqualTo(202);
  }

  protected List<DevMailbox.Mail> emailsTo(Object address) {
    return mailbox.messages().stream().filter(m -> m.to().equals(address)).toList();
  }

  protected List<LinkedInMessage> linkedInTo(Object profileUrl) {
    return linkedIn.delivered().stream().filter(m -> m.profileUrl().equals(profileUrl)).toList();
  }

  protected void awaitStep(String enrolmentId, String stepKey, String status) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(step(enrolment(enrolmentId), stepKey).path("status").asString())
                    .as("status of %s", stepKey)
                    .isEqualTo(status));
  }

  protected void awaitStatus(String enrolmentId, String status) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(enrolment(enrolmentId).path("status").asString()).isEqualTo(status));
  }

  static Instant instant(JsonNode node) {
    return Instant.parse(node.asString());
  }

  /** Whole days between enrolment and a step's send. */
  static long dayOf(JsonNode enrolment, JsonNode step) {
    Instant start = instant(enrolment.path("createdAt"));
    return Duration.between(start, instant(step.path("sentAt"))).toHours() / 24;
  }
}
