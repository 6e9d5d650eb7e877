package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.domain.enrolments.ResponseStore;
import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.replies.Inbox;
import io.sequor.domain.secrets.Secret;
import io.sequor.worker.inbox.InboxActivitiesImpl;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.inbox.PollResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;

/**
 * Replies reach Sequor in the sender mailbox (GreenMail's IMAP here) or through the inbound
 * webhook, and become responses of the enrolments they answer.
 */
class InboundEmailTest extends EmbeddedRuntimeTest {

  private static final String WEBHOOK = "/api/webhooks/inbound-email";

  @Autowired JavaMailSenderImpl smtp;
  @Autowired InboxActivitiesImpl inboxActivities;
  @Autowired ResponseStore responses;
  @Autowired JdbcClient jdbc;
  @Autowired MailboxStore mailboxes;

  @Value("${sequor.mail.from}")
  String ourAddress;

  @Value("${sequor.inbound.webhook-secret}")
  String secret;

  /** Enrols a prospect on the canonical play and lets its first email (day 1) go out. */
  private Map<String, Object> enrolledWithFirstEmail(String name, List<String> ids) {
    Map<String, Object> prospect = prospect(name);
    String id = enrol(canonicalSequenceId(), prospect).path("id").asString();
    ids.add(id);
    advance(Duration.ofDays(1).plusHours(1));
    awaitStep(id, "email-day-1", "SENT");
    return prospect;
  }

  private String firstMessageId(Object address) {
    return emailsTo(address).get(0).messageId();
  }

  private MimeMessage message(
      String from, String to, String subject, String text, String inReplyTo) {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
      message.setFrom(new InternetAddress(from));
      message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
      message.setSubject(subject, "UTF-8");
      message.setText(text, "UTF-8");
      message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@mail.example.com>");
      if (inReplyTo != null) {
        message.setHeader("In-Reply-To", inReplyTo);
        message.setHeader("References", inReplyTo);
      }
      message.setSentDate(new java.util.Date());
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String raw(MimeMessage message) {
    try {
      message.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply postSigned(String body) {
    return postSigned(WEBHOOK, secret, body);
  }

  @Test
  void aReplyToTheFirstEmailStopsTheEnrolmentAndNothingMoreGoesOut() {
    List<String> ids = new java.util.ArrayList<>();
    Map<String, Object> prospect = enrolledWithFirstEmail("imap-reply", ids);
    String id = ids.get(0);
    Object address = prospect.get("email");

    smtp.send(
        message(
            (String) address,
            ourAddress,
            "Re: your note",
            "Happy to talk next week.\n\n> earlier text",
            firstMessageId(address)));

    awaitStatus(id, "STOPPED");
    JsonNode enrolment = enrolment(id);
    assertThat(enrolment.path("stopReason").asString()).isEqualTo("REPLIED");
    int emails = emailsTo(address).size();
    int inMails = linkedInTo(prospect.get("linkedinUrl")).size();
    advance(Duration.ofDays(14));
    assertThat(emailsTo(address)).hasSize(emails);
    assertThat(linkedInTo(prospect.get("linkedinUrl"))).hasSize(inMails);
    assertThat(responses.forEnrolment(UUID.fromString(id)))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(ResponseKind.REPLY);
              assertThat(r.body()).startsWith("Happy to talk next week.");
            });
  }

  @Test
  void aMessageThatMatchesNothingIsKeptForReview() {
    MimeMessage stray =
        message(
            "someone-" + UUID.randomUUID() + "@example.org",
            ourAddress,
            "Hi",
            "Who is this?",
            null);
    String messageId = header(stray, "Message-ID");
    smtp.send(stray);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(get("/api/inbound/unmatched?limit=500").body().valueStream())
                    .anySatisfy(
                        m -> {
                          assertThat(m.path("messageId").asString()).isEqualTo(messageId);
                          assertThat(m.path("excerpt").asString()).isEqualTo("Who is this?");
                        }));
  }

  /**
   * The poll is stopped after two messages, then after four; then the checkpoint is set back as if
   * a crash lost the last two advances. Reading again acts on each message exactly once.
   */
  @Test
  void aPollerStoppedAndRestartedMidMailboxActsOnEachMessageOnce() {
    String account = "inbox-" + UUID.randomUUID() + "@sequor.local";
    List<String> ids = new java.util.ArrayList<>();
    List<Map<String, Object>> prospects = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> prospect = prospect("restart-" + i);
      prospects.add(prospect);
      ids.add(enrol(canonicalSequenceId(), prospect).path("id").asString());
    }
    for (Map<String, Object> prospect : prospects) {
      smtp.send(
          message((String) prospect.get("email"), account, "Re: hello", "Tell me more", null));
    }
    // GreenMail makes the account on first delivery, with the address as login and password.
    MailServer local = mailboxes.get("default").imap().orElseThrow();
    Inbox inbox =
        new Inbox(
            "test-" + UUID.randomUUID(),
            account,
            new MailServer(
                local.host(), local.port(), account, Secret.of(account), MailServer.Security.NONE));

    await().atMost(PATIENCE).until(() -> inboxActivities.poll(inbox, 2).read() == 2);
    assertThat(inboxActivities.poll(inbox, 2)).isEqualTo(new PollResult(2, true));
    jdbc.sql("UPDATE mailbox_checkpoints SET last_uid = last_uid - 2 WHERE mailbox_id = ?")
        .param(inbox.mailboxId())
        .update();
    assertThat(inboxActivities.poll(inbox, 10)).isEqualTo(new PollResult(3, false));
    assertThat(inboxActivities.poll(inbox, 10)).isEqualTo(new PollResult(0, false));

    for (String id : ids) {
      awaitStatus(id, "STOPPED");
      assertThat(responses.forEnrolment(UUID.fromString(id)))
          .as("responses of %s", id)
          .singleElement()
          .satisfies(r -> assertThat(r.kind()).isEqualTo(ResponseKind.REPLY));
    }
  }

  @Nested
  class ThroughTheWebhook {

    @Test
    void aSignedReplyIsRecordedOnceAndARepeatChangesNothing() {
      List<String> ids = new java.util.ArrayList<>();
      Map<String, Object> prospect = enrolledWithFirstEmail("webhook-reply", ids);
      Object address = prospect.get("email");
      String body =
          raw(
              message(
                  (String) address, ourAddress, "Re: hi", "Sounds good", firstMessageId(address)));

      Reply first = postSigned(body);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body().path("outcome").asString()).isEqualTo("RECORDED");
      assertThat(first.body().path("enrolments").get(0).asString()).isEqualTo(ids.get(0));
      Reply again = postSigned(body);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().path("outcome").asString()).isEqualTo("DUPLICATE");

      awaitStatus(ids.get(0), "STOPPED");
      assertThat(responses.forEnrolment(UUID.fromString(ids.get(0)))).hasSize(1);
    }

    @Test
    void aBadlySignedDeliveryIsRefusedAndChangesNothing() {
      List<String> ids = new java.util.ArrayList<>();
      Map<String, Object> prospect = enrolledWithFirstEmail("webhook-forged", ids);
      Object address = prospect.get("email");
      String body =
          raw(message((String) address, ourAddress, "Re: hi", "Yes", firstMessageId(address)));
      Reply forged = postSigned(WEBHOOK, "not-the-secret", body);

      assertThat(forged.status()).isEqualTo(401);
      assertThat(enrolment(ids.get(0)).path("status").asString()).isEqualTo("ACTIVE");
      assertThat(responses.forEnrolment(UUID.fromString(ids.get(0)))).isEmpty();
    }

    @Test
    void ourOwnCopyIsIgnoredAndNeverAReply() {
      List<String> ids = new java.util.ArrayList<>();
      Map<String, Object> prospect = enrolledWithFirstEmail("own-copy", ids);
      Object address = prospect.get("email");
      MimeMessage copy = message(ourAddress, (String) address, "Hello", "Our own words", null);
      String body =
          raw(copy).replaceFirst("Message-ID: <[^>]+>", "Message-ID: " + firstMessageId(address));

      Reply posted = postSigned(body);

      assertThat(posted.body().path("outcome").asString()).isEqualTo("IGNORED");
      assertThat(posted.body().path("classification").asString()).isEqualTo("OWN_MESSAGE");
      assertThat(enrolment(ids.get(0)).path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void mailToTheUnsubscribeAddressOfTheListHeaderUnsubscribes() {
      List<String> ids = new java.util.ArrayList<>();
      Map<String, Object> prospect = enrolledWithFirstEmail("mailto-unsubscribe", ids);
      Object address = prospect.get("email");
      String header = emailsTo(address).get(0).listUnsubscribe();
      java.util.regex.Matcher mailto =
          java.util.regex.Pattern.compile("<mailto:([^>]+)>").matcher(header);
      assertThat(mailto.find()).as("a mailto in %s", header).isTrue();

      Reply posted =
          postSigned(raw(message((String) address, mailto.group(1), "Unsubscribe", "", null)));

      assertThat(posted.status()).isEqualTo(200);
      assertThat(posted.body().path("outcome").asString()).isEqualTo("RECORDED");
      awaitStatus(ids.get(0), "STOPPED");
      assertThat(enrolment(ids.get(0)).path("stopReason").asString()).isEqualTo("UNSUBSCRIBED");

      String genuine = mailto.group(1);
      int at = genuine.indexOf('+') + 1;
      String forged =
          genuine.substring(0, at)
              + (genuine.charAt(at) == 'A' ? 'B' : 'A')
              + genuine.substring(at + 1);
      Reply refused = postSigned(raw(message((String) address, forged, "Unsubscribe", "", null)));
      assertThat(refused.body().path("outcome").asString()).isEqualTo("UNMATCHED");
    }

    @Test
    void aBodyThatIsNoMessageIsA400() {
      Reply empty = postSigned("");
      assertThat(empty.status()).isEqualTo(400);
      assertThat(empty.body().path("errors").get(0).path("field").asString()).isEqualTo("body");
    }
  }

  private static String header(MimeMessage message, String name) {
    try {
      return message.getHeader(name, null);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
