package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.app.embedded.ReceivedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a prospect receives, read from the embedded SMTP server exactly as it arrived: a
 * multipart/alternative message, threaded under the enrolment's first email, with a one-click
 * unsubscribe link that works; and values that would break a header refused at enrolment.
 */
class EmailMessageTest extends EmbeddedRuntimeTest {

  private static final Pattern TOKEN = Pattern.compile("/u/([A-Za-z0-9_-]{43})>");
  private static final HttpClient BROWSER = HttpClient.newHttpClient();

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  // ---- helpers -------------------------------------------------------------------------------

  private String sequence(List<Map<String, Object>> steps) {
    Reply created =
        post("/api/sequences", Map.of("name", "email " + UUID.randomUUID(), "steps", steps));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  /** An email step; a null subject replies in the thread of the first email. */
  private static Map<String, Object> email(String key, int day, String subject, String body) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("key", key);
    step.put("channel", "EMAIL");
    step.put("dayOffset", day);
    if (subject != null) {
      step.put("subject", subject);
    }
    step.put("body", body);
    return step;
  }

  private String threeEmails() {
    return sequence(
        List.of(
            email("opener", 0, "{{company}} after {{trigger}}", "Hi {{first_name}},\n\nHello.\n"),
            email("bump", 2, null, "{{first_name}}, a short bump.\n"),
            email("last", 4, null, "{{first_name}}, closing the loop.\n")));
  }

  private List<MimeMessage> received(Object address) {
    return ReceivedMail.to(context, (String) address);
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, " ");
    return value == null ? null : MimeUtility.unfold(value);
  }

  private static String part(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return ((String) part.getContent()).replace("\r\n", "\n");
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String token(MimeMessage message) throws MessagingException {
    Matcher token = TOKEN.matcher(header(message, "List-Unsubscribe"));
    assertThat(token.find()).as("a token in List-Unsubscribe").isTrue();
    return token.group(1);
  }

  /** An HTML page as a browser or a mail client's one-click POST gets it. */
  private record Page(int status, String contentType, String body) {}

  private Page page(String method, String path, String form) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    }
    try {
      HttpResponse<String> response =
          BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long responses(String enrolmentId) {
    return jdbc.sql("SELECT count(*) FROM responses WHERE enrolment_id = ?::uuid")
        .param(enrolmentId)
        .query(Long.class)
        .single();
  }

  // ---- threading -----------------------------------------------------------------------------

  @Nested
  class Threading {

    @Test
    void aThreeEmailBranchArrivesThreadedUnderTheFirstEmailAndEveryEmailCanUnsubscribe()
        throws Exception {
      Map<String, Object> prospect = prospect("threaded");
      String id = enrol(threeEmails(), prospect).path("id").asString();
      awaitStep(id, "opener", "SENT");
      advance(Duration.ofDays(2));
      awaitStep(id, "bump", "SENT");
      advance(Duration.ofDays(2));
      awaitStep(id, "last", "SENT");

      List<MimeMessage> mails = received(prospect.get("email"));
      assertThat(mails).hasSize(3);
      MimeMessage first = mails.get(0);
      MimeMessage second = mails.get(1);
      MimeMessage third = mails.get(2);
      String opener = "<" + id + ".opener@sequor.local>";
      assertThat(first.getMessageID()).isEqualTo(opener);
      assertThat(first.getSubject())
          .isEqualTo("Analytical Engines after your new Head of Sales role");
      assertThat(header(first, "In-Reply-To")).isNull();
      assertThat(header(first, "References")).isNull();

      assertThat(second.getSubject())
          .isEqualTo("Re: Analytical Engines after your new Head of Sales role");
      assertThat(header(second, "In-Reply-To")).isEqualTo(opener);
      assertThat(header(second, "References")).isEqualTo(opener);

      assertThat(third.getSubject())
          .isEqualTo("Re: Analytical Engines after your new Head of Sales role");
      assertThat(header(third, "In-Reply-To")).isEqualTo(opener);
      assertThat(header(third, "References")).isEqualTo(opener + " " + second.getMessageID());

      String token = token(first);
      for (MimeMessage mail : mails) {
        assertThat(header(mail, "List-Unsubscribe"))
            .isEqualTo(
                "<http://localhost:8080/u/"
                    + token
                    + ">, <mailto:unsubscribe+"
                    + token
                    + "@sequor.local>");
        assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
      }
      assertThat(part(first, "text/plain")).isEqualTo("Hi Ada,\n\nHello.\n");
      assertThat(part(first, "text/html")).contains("<p>Hi Ada,</p>\n<p>Hello.</p>");
    }

    @Test
    void anEmailSentInsteadOfAnInMailStartsTheThreadAndLaterEmailsAnswerIt() throws Exception {
      String sequence =
          sequence(
              List.of(
                  Map.of(
                      "key", "inmail",
                      "channel", "LINKEDIN_INMAIL",
                      "dayOffset", 0,
                      "subject", "{{company}} and {{trigger}}",
                      "body", "Hi {{first_name}}, an InMail."),
                  email("email-1", 1, "A note for {{company}}", "Hi {{first_name}}.\n"),
                  email("email-2", 2, null, "{{first_name}}, a follow-up.\n")));
      Map<String, Object> prospect = prospect("no-credit-thread");
      String id = enrolOn(sequence, prospect, newSeat("test-empty"));
      awaitStep(id, "inmail", "SENT");
      advance(Duration.ofDays(1));
      awaitStep(id, "email-1", "SENT");
      advance(Duration.ofDays(1));
      awaitStep(id, "email-2", "SENT");

      List<MimeMessage> mails = received(prospect.get("email"));
      assertThat(mails).hasSize(3);
      String root = "<" + id + ".inmail@sequor.local>";
      assertThat(mails.get(0).getMessageID()).isEqualTo(root);
      assertThat(mails.get(1).getSubject())
          .as("a step with its own subject keeps it")
          .isEqualTo("A note for Analytical Engines");
      assertThat(header(mails.get(1), "In-Reply-To")).isEqualTo(root);
      assertThat(mails.get(2).getSubject())
          .isEqualTo("Re: Analytical Engines and your new Head of Sales role");
      assertThat(header(mails.get(2), "References"))
          .isEqualTo(root + " " + mails.get(1).getMessageID());
    }
  }

  // ---- the HTML part -------------------------------------------------------------------------

  @Test
  void theHtmlPartEscapesEveryValueWhileThePlainTextKeepsThemAsGiven() throws Exception {
    String name = "<script>alert(1)</script> & Co";
    Map<String, Object> prospect = new HashMap<>(prospect("escaping"));
    prospect.put("firstName", name);
    prospect.put("company", name);
    String sequence =
        sequence(
            List.of(
                email(
                    "only",
                    0,
                    "About {{company}}",
                    "Hi {{first_name}},\n\nA note for {{company}} & friends <3.\n"
                        + "See https://sequor.dev/demo, or {{{company}}}.\n")));
    String id = enrol(sequence, prospect).path("id").asString();
    awaitStep(id, "only", "SENT");

    MimeMessage mail = received(prospect.get("email")).get(0);
    String escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co";
    assertThat(part(mail, "text/html"))
        .doesNotContain("<script>")
        .contains("<p>Hi " + escaped + ",</p>")
        .contains("<p>A note for " + escaped + " &amp; friends &lt;3.<br>")
        .contains(
            "See <a href=\"https://sequor.dev/demo\">https://sequor.dev/demo</a>, or "
                + escaped
                + ".</p>");
    assertThat(part(mail, "text/plain"))
        .isEqualTo(
            "Hi "
                + name
                + ",\n\nA note for "
                + name
                + " & friends <3.\nSee https://sequor.dev/demo, or "
                + name
                + ".\n");
    assertThat(mail.getSubject()).isEqualTo("About " + name);
    assertThat(((InternetAddress) mail.getAllRecipients()[0]).getPersonal()).isEqualTo(name);
  }

  // ---- header injection ----------------------------------------------------------------------

  @Nested
  class HeaderInjection {

    private Reply enrolWith(String field, Object value) {
      Map<String, Object> prospect = new HashMap<>(prospect("injector"));
      if (field.startsWith("fields.")) {
        prospect.put("fields", Map.of(field.substring(7), value));
      } else {
        prospect.put(field, value);
      }
      Reply reply =
          post(
              "/api/enrolments", Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect));
      assertThat(
              jdbc.sql("SELECT count(*) FROM prospects WHERE email = ?")
                  .param(prospect.get("email"))
                  .query(Long.class)
                  .single())
          .as("nothing is stored")
          .isZero();
      return reply;
    }

    @Test
    void aLineBreakInAValueOfAnEmailSubjectIsRefusedNamingTheField() {
      Reply reply = enrolWith("company", "Acme\r\nBcc: everyone@example.com");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("prospect.company");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .isEqualTo("contains a line break; it would reach the email's Subject header");
    }

    @Test
    void aLineBreakInACustomFieldOfTheSubjectIsRefusedNamingThatField() {
      Reply reply = enrolWith("fields.trigger", "a new role\nX-Priority: 1");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("prospect.fields.trigger");
    }

    @Test
    void aLineBreakInANameOfTheToHeaderIsRefused() {
      Reply reply = enrolWith("firstName", "Ada\nBcc: everyone@example.com");
      assertThat(reply.status()).isEqualTo(400);
      assertThat(EnrolmentApiTest.fields(reply)).containsExactly("prospect.firstName");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("To header");
    }

    @Test
    void aLineBreakInAValueUsedOnlyInTheBodyIsFine() {
      String sequence =
          sequence(List.of(email("only", 0, "Hello {{first_name}}", "{{note}}\n\nBest,\nSam\n")));
      Map<String, Object> prospect = new HashMap<>(prospect("multi-line"));
      prospect.put("fields", Map.of("note", "First line.\nSecond line."));
      assertThat(enrol(sequence, prospect).path("status").asString()).isEqualTo("ACTIVE");
    }
  }

  // ---- one-click unsubscribe -----------------------------------------------------------------

  @Nested
  class OneClickUnsubscribe {

    @Test
    void thePostWithTheTokenFromTheHeaderStopsEveryEnrolmentOfTheAddressAndSuppressesIt()
        throws Exception {
      Map<String, Object> prospect = prospect("one-click");
      Object address = prospect.get("email");
      String emails = threeEmails();
      String canonical = enrol(canonicalSequenceId(), prospect).path("id").asString();
      String threaded = enrol(emails, prospect).path("id").asString();
      awaitStep(threaded, "opener", "SENT");
      awaitStep(canonical, "day-0-inmail", "SENT");
      String token = token(received(address).get(0));

      Page confirm = page("GET", "/u/" + token, null);
      assertThat(confirm.status()).isEqualTo(200);
      assertThat(confirm.contentType()).startsWith("text/html");
      assertThat(confirm.body()).contains("<form method=\"post\">", "<button");
      assertThat(responses(canonical) + responses(threaded)).as("a GET changes nothing").isZero();

      Page done = page("POST", "/u/" + token, "List-Unsubscribe=One-Click");
      assertThat(done.status()).isEqualTo(200);
      assertThat(done.body()).contains("unsubscribed");
      for (String id : List.of(canonical, threaded)) {
        awaitStatus(id, "STOPPED");
        assertThat(enrolment(id).path("stopReason").asString()).isEqualTo("UNSUBSCRIBED");
      }
      int sent = received(address).size();
      advance(Duration.ofDays(15));
      assertThat(received(address)).as("nothing more is sent").hasSize(sent);
      assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(1);

      assertThat(page("POST", "/u/" + token, "").status()).as("a second click").isEqualTo(200);
      assertThat(responses(canonical)).isEqualTo(1);
      assertThat(responses(threaded)).isEqualTo(1);

      // The person unsubscribed: enrolling them again is refused, naming what is suppressed.
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                Reply again =
                    post(
                        "/api/enrolments",
                        Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect));
                assertThat(again.status()).isEqualTo(409);
                assertThat(EnrolmentApiTest.fields(again)).containsExactly("prospect.linkedinUrl");
              });

      // The address stays suppressed when the same person comes back with another LinkedIn
      // profile. With on-suppressed SKIP_EMAIL (the default) LinkedIn goes on, the emails are
      // skipped; a sequence that could only email them is refused.
      Map<String, Object> elsewhere = new HashMap<>(prospect);
      elsewhere.put("linkedinUrl", "https://www.linkedin.com/in/one-click-" + UUID.randomUUID());
      Reply emailOnly =
          post("/api/enrolments", Map.of("sequenceId", emails, "prospect", elsewhere));
      assertThat(emailOnly.status()).isEqualTo(409);
      assertThat(EnrolmentApiTest.fields(emailOnly)).containsExactly("prospect.email");

      String later = enrol(canonicalSequenceId(), elsewhere).path("id").asString();
      awaitStep(later, "day-0-inmail", "SENT");
      advance(Duration.ofDays(1));
      awaitStep(later, "email-day-1", "SKIPPED");
      assertThat(step(enrolment(later), "email-day-1").path("detail").asString())
          .isEqualTo("email address is suppressed (unsubscribed)");
      assertThat(received(address)).hasSize(sent);
    }

    @Test
    void aForgedOrAlteredTokenGetsA404PageAndChangesNothing() throws Exception {
      Map<String, Object> prospect = prospect("forger");
      String id = enrol(threeEmails(), prospect).path("id").asString();
      awaitStep(id, "opener", "SENT");
      String token = token(received(prospect.get("email")).get(0));
      char c = token.charAt(30);
      String altered = token.substring(0, 30) + (c == 'x' ? 'y' : 'x') + token.substring(31);
      String otherEnrolment =
          java.util.Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(new byte[32]); // an unknown enrolment, a zero MAC

      for (String forged : List.of(altered, otherEnrolment, "not-a-token")) {
        Page post = page("POST", "/u/" + forged, "List-Unsubscribe=One-Click");
        assertThat(post.status()).as(forged).isEqualTo(404);
        assertThat(post.contentType()).startsWith("text/html");
        assertThat(post.body()).contains("not valid");
        assertThat(page("GET", "/u/" + forged, null).status()).isEqualTo(404);
      }

      assertThat(responses(id)).isZero();
      advance(Duration.ofDays(2));
      awaitStep(id, "bump", "SENT");
      JsonNode state = enrolment(id);
      assertThat(state.path("status").asString()).isEqualTo("ACTIVE");
      assertThat(received(prospect.get("email"))).hasSize(2);
    }
  }
}
