package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;

/**
 * What real inbound mail does to a running enrolment, through the local mail server: out-of-office
 * replies pause it until the prospect is back, a hard bounce stops only its email branch, and a
 * vacation reply is never taken for a bounce.
 */
class RepliesByEmailTest extends EmbeddedRuntimeTest {

  @Autowired JavaMailSenderImpl smtp;

  @Value("${sequor.mail.from}")
  String ourAddress;

  private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** A message from its raw source, sent to our mailbox through the local SMTP server. */
  private void deliver(String raw) {
    try {
      MimeMessage message =
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
      smtp.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String headers(Object from, String subject, String inReplyTo, String... extra) {
    StringBuilder raw =
        new StringBuilder()
            .append("From: ")
            .append(from)
            .append("\r\nTo: ")
            .append(ourAddress)
            .append("\r\nDate: ")
            .append(RFC_5322.format(clock.now().atZone(ZoneOffset.UTC)))
            .append("\r\nMessage-ID: <")
            .append(UUID.randomUUID())
            .append("@mail.example.com>\r\nSubject: ")
            .append(subject)
            .append("\r\nIn-Reply-To: ")
            .append(inReplyTo)
            .append("\r\nReferences: ")
            .append(inReplyTo)
            .append("\r\nMIME-Version: 1.0\r\n");
    for (String line : extra) {
      raw.append(line).append("\r\n");
    }
    return raw.toString();
  }

  private String started(Map<String, Object> prospect) {
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    advance(Duration.ofDays(1).plusHours(1));
    awaitStep(id, "email-day-1", "SENT");
    return id;
  }

  private String firstMessageId(Object address) {
    return emailsTo(address).get(0).messageId();
  }

  private JsonNode awaitPaused(String id) {
    awaitStatus(id, "PAUSED");
    return enrolment(id);
  }

  @Test
  void aFrenchOutOfOfficeWithAReturnDatePausesUntilThenAndTheSequenceResumes() {
    Map<String, Object> prospect = prospect("ooo-fr");
    Object address = prospect.get("email");
    String id = started(prospect);
    LocalDate back = clock.now().atZone(ZoneOffset.UTC).toLocalDate().plusDays(10);
    String date = back.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH));

    deliver(
        headers(
                address,
                "=?UTF-8?Q?R=C3=A9ponse_automatique?=",
                firstMessageId(address),
                "Auto-Submitted: auto-replied",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 8bit")
            + "\r\nBonjour,\r\n\r\nJe suis absente du bureau. Je serai de retour le "
            + date
            + ".\r\n\r\nCordialement,\r\nAda\r\n");

    JsonNode paused = awaitPaused(id);
    assertThat(Instant.parse(paused.path("pausedUntil").asString()))
        .isEqualTo(back.atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(paused.path("responses").get(0).path("kind").asString()).isEqualTo("AUTO_REPLY");
    int emails = emailsTo(address).size();

    advance(Duration.ofDays(9));
    assertThat(enrolment(id).path("status").asString()).isEqualTo("PAUSED");
    assertThat(emailsTo(address)).hasSize(emails);

    // Back on day 10: the remaining steps move so the next one (the day-3 InMail) goes out a day
    // after the return, and the day-5 email two days after that.
    advance(Duration.ofDays(2));
    awaitStatus(id, "ACTIVE");
    awaitStep(id, "day-3-bump", "SENT");
    assertThat(emailsTo(address)).hasSize(emails);
    advance(Duration.ofDays(3));
    awaitStep(id, "email-day-5", "SENT");
    assertThat(emailsTo(address)).hasSize(emails + 1);
  }

  @Test
  void anEnglishOutOfOfficeWithoutADatePausesForTheConfiguredDefault() {
    Map<String, Object> prospect = prospect("ooo-en");
    Object address = prospect.get("email");
    String id = started(prospect);
    Instant before = clock.now();

    deliver(
        headers(
                address,
                "Out of Office: your note",
                firstMessageId(address),
                "Auto-Submitted: auto-replied",
                "X-Auto-Response-Suppress: All",
                "Content-Type: text/plain; charset=UTF-8")
            + "\r\nThank you for your email. I am currently out of the office with limited"
            + " access to email and will reply when I return.\r\n");

    JsonNode paused = awaitPaused(id);
    Instant until = Instant.parse(paused.path("pausedUntil").asString());
    // Seven days from its arrival, which the mail server stamps to the second.
    assertThat(until)
        .isCloseTo(
            before.plus(Duration.ofDays(7)), within(1, java.time.temporal.ChronoUnit.MINUTES));
  }

  @Test
  void aHardBounceStopsOnlyTheEmailBranchAndAVacationReplyIsNoBounce() {
    Map<String, Object> prospect = prospect("bounce");
    Object address = prospect.get("email");
    String id = started(prospect);
    String ours = firstMessageId(address);

    // A vacation reply first, with the bulk and auto headers a bounce detector might trip on.
    deliver(
        headers(
                address,
                "Vacation reply",
                ours,
                "Auto-Submitted: auto-replied",
                "Precedence: bulk",
                "Content-Type: text/plain; charset=UTF-8")
            + "\r\nI am on vacation and will read your message when I am back.\r\n");
    awaitPaused(id);
    assertThat(enrolment(id).path("emailBranchStopped").asBoolean()).isFalse();
    respondResume(id);

    String boundary = "dsn-" + UUID.randomUUID();
    deliver(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\n"
            + "To: "
            + ourAddress
            + "\r\nDate: "
            + RFC_5322.format(clock.now().atZone(ZoneOffset.UTC))
            + "\r\nMessage-ID: <"
            + UUID.randomUUID()
            + "@mx.example.com>\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\n"
            + "Auto-Submitted: auto-replied\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\""
            + boundary
            + "\"\r\n\r\n--"
            + boundary
            + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
            + "<"
            + address
            + ">: host mx.example.com said: 550 5.1.1 User unknown\r\n\r\n--"
            + boundary
            + "\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.example.com\r\n\r\n"
            + "Final-Recipient: rfc822; "
            + address
            + "\r\nOriginal-Recipient: rfc822; "
            + address
            + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n--"
            + boundary
            + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "From: "
            + ourAddress
            + "\r\nTo: "
            + address
            + "\r\nMessage-ID: "
            + ours
            + "\r\nSubject: Hello\r\n\r\n--"
            + boundary
            + "--\r\n");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(enrolment(id).path("emailBranchStopped").asBoolean()).isTrue());
    JsonNode bounced = enrolment(id);
    assertThat(bounced.path("status").asString()).isEqualTo("ACTIVE");
    assertThat(bounced.path("responses").valueStream().map(r -> r.path("kind").asString()))
        .as(
            "the vacation reply is an auto-reply, the report a bounce; arrival is stamped to the second")
        .containsExactlyInAnyOrder("AUTO_REPLY", "BOUNCE");

    int emails = emailsTo(address).size();
    advance(Duration.ofDays(14));
    awaitStep(id, "day-14-exit", "SENT");
    assertThat(emailsTo(address)).as("no email after the bounce").hasSize(emails);
    assertThat(step(enrolment(id), "email-day-10").path("status").asString())
        .isEqualTo("CANCELLED");
  }

  private void respondResume(String id) {
    Reply resumed = post("/api/enrolments/" + id + "/resume", Map.of());
    assertThat(resumed.status()).as("%s", resumed.body()).isIn(200, 202);
    awaitStatus(id, "ACTIVE");
  }
}
