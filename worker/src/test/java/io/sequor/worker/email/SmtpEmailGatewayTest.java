package io.sequor.worker.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.Mailbox;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SMTP adapter against a real SMTP server (GreenMail). */
class SmtpEmailGatewayTest {

  private GreenMail smtp;
  private SmtpEmailGateway gateway;
  private Mailbox mailbox;

  @BeforeEach
  void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    gateway = new SmtpEmailGateway();
    mailbox =
        new Mailbox(
            "default",
            "outreach@sequor.local",
            null,
            new MailServer(
                "127.0.0.1", smtp.getSmtp().getPort(), null, null, MailServer.Security.NONE),
            Optional.empty(),
            Optional.empty(),
            true,
            1,
            Instant.EPOCH,
            Instant.EPOCH);
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private static OutboundEmail email(UnaryOperator<String> subject, String toName) {
    return new OutboundEmail(
        "<e1.bump@sequor.local>",
        "outreach@sequor.local",
        "ada@example.com",
        toName,
        subject.apply("Re: Analytical Engines"),
        "Hi Ada,\n\nA bump.\n",
        "<p>Hi Ada,</p>\n<p>A bump.</p>",
        List.of("<e1.opener@sequor.local>", "<e1.second@sequor.local>"),
        URI.create("https://sequor.example.com/u/TOKEN"),
        "unsubscribe+TOKEN@sequor.local");
  }

  @Test
  void sendsAThreadedMultipartAlternativeWithOneClickUnsubscribe() throws Exception {
    gateway.send(mailbox, email(s -> s, "Ada Lovelace"));

    MimeMessage received = smtp.getReceivedMessages()[0];
    assertThat(received.getMessageID()).isEqualTo("<e1.bump@sequor.local>");
    assertThat(((InternetAddress) received.getAllRecipients()[0]).getPersonal())
        .isEqualTo("Ada Lovelace");
    assertThat(received.getHeader("In-Reply-To", " ")).isEqualTo("<e1.opener@sequor.local>");
    assertThat(received.getHeader("References", " ").replaceAll("\\s+", " "))
        .isEqualTo("<e1.opener@sequor.local> <e1.second@sequor.local>");
    assertThat(received.getHeader("List-Unsubscribe", " ").replaceAll("\\s+", " "))
        .isEqualTo("<https://sequor.example.com/u/TOKEN>, <mailto:unsubscribe+TOKEN@sequor.local>");
    assertThat(received.getHeader("List-Unsubscribe-Post", " "))
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(received.isMimeType("multipart/alternative")).isTrue();
    Multipart parts = (Multipart) received.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(((String) parts.getBodyPart(1).getContent())).contains("<p>A bump.</p>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\nBcc: everyone@example.com", "\nX-Injected: yes", "\r"})
  void aLineBreakThatReachedAHeaderAnywayIsRefusedForGoodAndNothingIsSent(String injection) {
    assertThatThrownBy(() -> gateway.send(mailbox, email(s -> s + injection, null)))
        .isInstanceOfSatisfying(
            EmailRejectedException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e.getMessage()).isEqualTo("Subject contains a line break");
            });
    assertThatThrownBy(() -> gateway.send(mailbox, email(s -> s, "Ada" + injection)))
        .isInstanceOf(EmailRejectedException.class)
        .hasMessage("To name contains a line break");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
