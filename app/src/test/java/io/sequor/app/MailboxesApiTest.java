package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.secrets.SecretBox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sender mailboxes through the API: their settings, their write-only passwords kept encrypted in
 * the store, and a connection test against the embedded mail server.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailboxesApiTest extends EmbeddedRuntimeTest {

  @Autowired JdbcClient jdbc;
  @Autowired SecretBox secrets;

  private static String newId() {
    return "mb-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private JsonNode defaultSmtp() {
    return get("/api/mailboxes/default").body().path("smtp");
  }

  private JsonNode defaultImap() {
    return get("/api/mailboxes/default").body().path("imap");
  }

  private static Map<String, Object> server(
      String host, int port, String username, String password) {
    Map<String, Object> server = new HashMap<>();
    server.put("host", host);
    server.put("port", port);
    server.put("security", "NONE");
    if (username != null) {
      server.put("username", username);
    }
    if (password != null) {
      server.put("password", password);
    }
    return server;
  }

  private String rawColumn(String id, String column) {
    return jdbc.sql("SELECT " + column + " FROM mailboxes WHERE id = ?")
        .param(id)
        .query(String.class)
        .list()
        .get(0);
  }

  @Test
  void aMailboxIsCreatedReadAndUpdatedAndItsPasswordsNeverComeBackNorReachTheLog(
      CapturedOutput output) {
    String id = newId();
    String smtpPassword = "smtp-" + UUID.randomUUID();
    String imapPassword = "imap-" + UUID.randomUUID();
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("fromAddress", "ada@example.com");
    body.put("displayName", "Ada Lovelace");
    body.put("smtp", server("smtp.example.com", 587, "ada@example.com", smtpPassword));
    body.put("imap", server("imap.example.com", 993, "ada@example.com", imapPassword));
    body.put(
        "pacing",
        Map.of(
            "dailyCap", 40,
            "timezone", "Europe/Paris",
            "windowStart", "09:00",
            "windowEnd", "17:00",
            "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
            "minGap", "PT2M",
            "maxGap", "PT6M"));

    Reply created = post("/api/mailboxes", body);

    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    JsonNode view = created.body();
    assertThat(view.path("fromAddress").asString()).isEqualTo("ada@example.com");
    assertThat(view.path("smtp").path("passwordSet").asBoolean()).isTrue();
    assertThat(view.path("imap").path("passwordSet").asBoolean()).isTrue();
    assertThat(view.path("pacing").path("dailyCap").asInt()).isEqualTo(40);
    assertThat(view.path("enabled").asBoolean()).isTrue();
    for (Reply read : List.of(created, get("/api/mailboxes/" + id), get("/api/mailboxes"))) {
      String text = read.body().toString();
      assertThat(text).doesNotContain(smtpPassword).doesNotContain(imapPassword);
      assertThat(read.body().findValues("password")).isEmpty();
    }

    String sealedSmtp = rawColumn(id, "smtp_password");
    assertThat(sealedSmtp).startsWith("gcm1:").doesNotContain(smtpPassword);
    assertThat(secrets.open(sealedSmtp, "mailbox:" + id + ":smtp")).isEqualTo(smtpPassword);
    assertThat(rawColumn(id, "imap_password")).startsWith("gcm1:").doesNotContain(imapPassword);

    body.remove("id");
    body.put("smtp", server("smtp.example.com", 465, "ada@example.com", null));
    body.put("pacing", Map.of("dailyCap", 25));
    Reply kept = put("/api/mailboxes/" + id, body);
    assertThat(kept.status()).as("%s", kept.body()).isEqualTo(200);
    assertThat(kept.body().path("smtp").path("port").asInt()).isEqualTo(465);
    assertThat(kept.body().path("smtp").path("passwordSet").asBoolean()).isTrue();
    assertThat(kept.body().path("pacing").path("dailyCap").asInt()).isEqualTo(25);
    assertThat(kept.body().path("version").asInt()).isEqualTo(2);
    assertThat(rawColumn(id, "smtp_password"))
        .as("left out, the password is kept")
        .isEqualTo(sealedSmtp);

    String newPassword = "new-" + UUID.randomUUID();
    body.put("smtp", server("smtp.example.com", 465, "ada@example.com", newPassword));
    body.remove("imap");
    Reply replaced = put("/api/mailboxes/" + id, body);
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().path("imap").isNull()).as("imap left out is removed").isTrue();
    assertThat(secrets.open(rawColumn(id, "smtp_password"), "mailbox:" + id + ":smtp"))
        .isEqualTo(newPassword);
    assertThat(rawColumn(id, "imap_password")).isNull();

    assertThat(output.getAll())
        .doesNotContain(smtpPassword)
        .doesNotContain(imapPassword)
        .doesNotContain(newPassword);
  }

  @Test
  void aDisabledMailboxCannotBeChosenForANewEnrolmentUntilItIsEnabledAgain() {
    String id = newId();
    JsonNode smtp = defaultSmtp();
    Reply created =
        post(
            "/api/mailboxes",
            Map.of(
                "id",
                id,
                "fromAddress",
                "paused@example.com",
                "smtp",
                server(smtp.path("host").asString(), smtp.path("port").asInt(), null, null)));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

    assertThat(post("/api/mailboxes/" + id + "/disable", "").body().path("enabled").asBoolean())
        .isFalse();
    Reply refused =
        post(
            "/api/enrolments",
            Map.of(
                "sequenceId",
                canonicalSequenceId(),
                "prospect",
                prospect("paused"),
                "mailboxId",
                id));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("errors").get(0).path("field").asString())
        .isEqualTo("mailboxId");
    assertThat(refused.body().path("errors").get(0).path("reason").asString()).contains("disabled");

    assertThat(post("/api/mailboxes/" + id + "/enable", "").body().path("enabled").asBoolean())
        .isTrue();
    Reply enrolled =
        post(
            "/api/enrolments",
            Map.of(
                "sequenceId",
                canonicalSequenceId(),
                "prospect",
                prospect("resumed"),
                "mailboxId",
                id));
    assertThat(enrolled.status()).as("%s", enrolled.body()).isEqualTo(201);
    assertThat(enrolment(enrolled.body().path("id").asString()).path("mailboxId").asString())
        .isEqualTo(id);
  }

  @Nested
  class ConnectionTest {

    @Test
    void theDefaultMailboxLogsInToTheEmbeddedMailServerOverSmtpAndImap() {
      Reply report = post("/api/mailboxes/default/test", "");

      assertThat(report.status()).isEqualTo(200);
      assertThat(report.body().path("smtp").path("status").asString())
          .as("%s", report.body())
          .isEqualTo("OK");
      assertThat(report.body().path("imap").path("status").asString()).isEqualTo("OK");
      assertThat(emailsTo("nobody@example.com")).as("a test sends nothing").isEmpty();
    }

    @Test
    void aClosedPortAnswersConnectionRefused() throws IOException {
      int closed;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = socket.getLocalPort();
      }
      String id = newId();
      Reply created =
          post(
              "/api/mailboxes",
              Map.of(
                  "id",
                  id,
                  "fromAddress",
                  "closed@example.com",
                  "smtp",
                  server("127.0.0.1", closed, null, null),
                  "imap",
                  server("127.0.0.1", closed, "closed@example.com", "whatever-it-is")));
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

      JsonNode report = post("/api/mailboxes/" + id + "/test", "").body();

      assertThat(report.path("smtp").path("status").asString()).isEqualTo("FAILED");
      assertThat(report.path("smtp").path("reason").asString()).isEqualTo("connection refused");
      assertThat(report.path("imap").path("reason").asString()).isEqualTo("connection refused");
    }

    @Test
    void aWrongPasswordAnswersAuthenticationFailedAndNamesNoSecret() {
      JsonNode smtp = defaultSmtp();
      JsonNode imap = defaultImap();
      String login = smtp.path("username").asString();
      String wrong = "wrong-" + UUID.randomUUID();
      String id = newId();
      Reply created =
          post(
              "/api/mailboxes",
              Map.of(
                  "id",
                  id,
                  "fromAddress",
                  login,
                  "smtp",
                  server(smtp.path("host").asString(), smtp.path("port").asInt(), login, wrong),
                  "imap",
                  server(imap.path("host").asString(), imap.path("port").asInt(), login, wrong)));
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

      JsonNode report = post("/api/mailboxes/" + id + "/test", "").body();

      assertThat(report.path("smtp").path("status").asString()).isEqualTo("FAILED");
      assertThat(report.path("smtp").path("reason").asString()).isEqualTo("authentication failed");
      assertThat(report.path("imap").path("status").asString()).isEqualTo("FAILED");
      assertThat(report.path("imap").path("reason").asString()).isEqualTo("authentication failed");
      assertThat(report.toString()).doesNotContain(wrong);
    }
  }

  @Nested
  class BadInput {

    private List<String> fields(Reply reply) {
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
      return reply
          .body()
          .path("errors")
          .valueStream()
          .map(e -> e.path("field").asString())
          .toList();
    }

    @Test
    void everyWrongFieldIsNamed() {
      Map<String, Object> body = new HashMap<>();
      body.put("id", "Not An Id");
      body.put("fromAddress", "not-an-address");
      body.put("smtp", Map.of("host", "smtp example", "port", 70000));
      body.put("imap", Map.of("host", "imap.example.com", "port", 993, "security", "SSL"));
      body.put(
          "pacing",
          Map.of(
              "dailyCap",
              0,
              "timezone",
              "Mars/Olympus",
              "windowStart",
              "17:00",
              "windowEnd",
              "09:00"));

      assertThat(fields(post("/api/mailboxes", body)))
          .containsExactlyInAnyOrder(
              "id",
              "fromAddress",
              "smtp.host",
              "smtp.port",
              "smtp.security",
              "imap.username",
              "pacing.dailyCap",
              "pacing.timezone",
              "pacing.windowEnd");
    }

    @Test
    void aPasswordNeedsAUsernameAndAUsernameAPassword() {
      assertThat(
              fields(
                  post(
                      "/api/mailboxes",
                      Map.of(
                          "id",
                          newId(),
                          "fromAddress",
                          "a@example.com",
                          "smtp",
                          server("smtp.example.com", 587, null, "secret-without-login"),
                          "imap",
                          server("imap.example.com", 993, "a@example.com", null)))))
          .containsExactlyInAnyOrder("smtp.username", "imap.password");
    }

    @Test
    void anUnknownSecurityIsRefusedByName() {
      Map<String, Object> smtp = server("smtp.example.com", 587, null, null);
      smtp.put("security", "TLS1.3");
      Reply reply =
          post(
              "/api/mailboxes",
              Map.of("id", newId(), "fromAddress", "a@example.com", "smtp", smtp));
      assertThat(fields(reply)).containsExactly("smtp.security");
    }

    @Test
    void aTakenIdIsAConflictAndAnUnknownOneNotFound() {
      Reply taken =
          post(
              "/api/mailboxes",
              Map.of(
                  "id",
                  "default",
                  "fromAddress",
                  "a@example.com",
                  "smtp",
                  server("smtp.example.com", 587, null, null)));
      assertThat(taken.status()).isEqualTo(409);
      assertThat(get("/api/mailboxes/no-such-mailbox").status()).isEqualTo(404);
      assertThat(post("/api/mailboxes/no-such-mailbox/test", "").status()).isEqualTo(404);
      assertThat(get("/api/mailboxes/no-such-mailbox/slots").status()).isEqualTo(404);
    }

    @Test
    void anUpdateCannotRenameTheMailbox() {
      Reply renamed =
          put(
              "/api/mailboxes/default",
              Map.of(
                  "id",
                  "renamed",
                  "fromAddress",
                  "a@example.com",
                  "smtp",
                  server("smtp.example.com", 587, null, null)));
      assertThat(fields(renamed)).containsExactly("id");
    }

    @Test
    void anEnrolmentNamingAnUnknownMailboxOrBothFieldsIsRefusedByField() {
      String sequence = canonicalSequenceId();
      assertThat(
              fields(
                  post(
                      "/api/enrolments",
                      Map.of(
                          "sequenceId",
                          sequence,
                          "prospect",
                          prospect("unknown-mailbox"),
                          "mailboxId",
                          "no-such-mailbox"))))
          .containsExactly("mailboxId");
      assertThat(
              fields(
                  post(
                      "/api/enrolments",
                      Map.of(
                          "sequenceId",
                          sequence,
                          "prospect",
                          prospect("unknown-in-pool"),
                          "mailboxIds",
                          List.of("default", "no-such-mailbox")))))
          .containsExactly("mailboxIds[1]");
      assertThat(
              fields(
                  post(
                      "/api/enrolments",
                      Map.of(
                          "sequenceId",
                          sequence,
                          "prospect",
                          prospect("both"),
                          "mailboxId",
                          "default",
                          "mailboxIds",
                          List.of("default")))))
          .containsExactly("mailboxIds");
      assertThat(
              fields(
                  post(
                      "/api/enrolments",
                      Map.of(
                          "sequenceId",
                          sequence,
                          "prospect",
                          prospect("empty-pool"),
                          "mailboxIds",
                          List.of()))))
          .containsExactly("mailboxIds");
    }
  }
}
