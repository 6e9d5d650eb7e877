package io.sequor.worker.email;

import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailSessions;
import io.sequor.domain.mailboxes.Mailbox;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends through each mailbox's own SMTP server a multipart/alternative message (text/plain, then
 * text/html) with our Message-ID, the thread's In-Reply-To and References, and the one-click
 * unsubscribe headers of RFC 8058 and RFC 2369. A mailbox's sender (its Jakarta Mail session and
 * login) is built once and kept until the mailbox's settings change, which its version tells.
 */
@Component
class SmtpEmailGateway implements EmailGateway {

  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private record Cached(int version, JavaMailSenderImpl sender) {}

  private final Map<String, Cached> senders = new ConcurrentHashMap<>();

  @Override
  public void send(Mailbox from, OutboundEmail email) {
    Optional<String> injected = headerWithLineBreak(email);
    if (injected.isPresent()) {
      throw new EmailRejectedException(injected.get() + " contains a line break", true);
    }
    JavaMailSenderImpl sender = sender(from);
    MimeMessage message;
    try {
      message = new OwnIdMessage(sender.getSession(), email.messageId());
      message.setFrom(
          from.displayName() == null
              ? new InternetAddress(email.from())
              : new InternetAddress(email.from(), from.displayName(), UTF_8));
      message.setRecipient(MimeMessage.RecipientType.TO, recipient(email));
      message.setSubject(email.subject(), UTF_8);
      if (email.inReplyTo() != null) {
        message.setHeader("In-Reply-To", email.inReplyTo());
        message.setHeader("References", MimeUtility.fold(12, String.join(" ", email.references())));
      }
      message.setHeader(
          "List-Unsubscribe",
          MimeUtility.fold(
              18, "<" + email.unsubscribeUrl() + ">, <mailto:" + email.unsubscribeMailto() + ">"));
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      message.setContent(alternatives(email));
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new EmailRejectedException("message could not be built: " + e.getMessage(), true);
    }
    try {
      sender.send(message);
    } catch (MailAuthenticationException e) {
      throw new EmailRejectedException(
          "mailbox '" + from.id() + "': the SMTP server refused its login", false);
    } catch (MailSendException e) {
      throw new EmailRejectedException(
          "mail server refused the message: " + e.getMessage(), refusedRecipient(e));
    } catch (MailException e) {
      throw new EmailRejectedException("mail server unavailable: " + e.getMessage(), false);
    }
  }

  /**
   * The last check against header injection: enrolment refuses values with line breaks, but a value
   * that reaches a header with one must never be sent.
   */
  private static Optional<String> headerWithLineBreak(OutboundEmail email) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("To", email.to());
    headers.put("To name", email.toName());
    headers.put("Subject", email.subject());
    headers.put("References", String.join(" ", email.references()));
    headers.put("List-Unsubscribe", email.unsubscribeUrl() + " " + email.unsubscribeMailto());
    return headers.entrySet().stream()
        .filter(
            h ->
                h.getValue() != null
                    && (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static InternetAddress recipient(OutboundEmail email)
      throws AddressException, UnsupportedEncodingException {
    InternetAddress to = new InternetAddress(email.to(), true);
    if (email.toName() != null) {
      to.setPersonal(email.toName(), UTF_8);
    }
    return to;
  }

  /** multipart/alternative: the plain text first, the HTML last, as the preferred version. */
  private static MimeMultipart alternatives(OutboundEmail email) throws MessagingException {
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), UTF_8, "html");
    MimeMultipart alternatives = new MimeMultipart("alternative");
    alternatives.addBodyPart(text);
    alternatives.addBodyPart(html);
    return alternatives;
  }

  private JavaMailSenderImpl sender(Mailbox mailbox) {
    return senders
        .compute(
            mailbox.id(),
            (id, cached) ->
                cached != null && cached.version() == mailbox.version()
                    ? cached
                    : new Cached(mailbox.version(), build(mailbox.smtp())))
        .sender();
  }

  private static JavaMailSenderImpl build(MailServer smtp) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setJavaMailProperties(
        MailSessions.properties(smtp, MailSessions.Protocol.SMTP, MailSessions.READ_TIMEOUT));
    sender.setProtocol(MailSessions.name(smtp, MailSessions.Protocol.SMTP));
    sender.setHost(smtp.host());
    sender.setPort(smtp.port());
    if (smtp.logsIn()) {
      sender.setUsername(smtp.username());
      sender.setPassword(smtp.password() == null ? null : smtp.password().reveal());
    }
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    return sender;
  }

  private static boolean refusedRecipient(MailSendException e) {
    for (Exception failure : e.getFailedMessages().values()) {
      Throwable cause = failure;
      while (cause != null) {
        if (cause instanceof SendFailedException sfe) {
          Address[] invalid = sfe.getInvalidAddresses();
          if (invalid != null && invalid.length > 0) {
            return true;
          }
        }
        cause = cause.getCause();
      }
    }
    return false;
  }

  /** Keeps our Message-ID: Jakarta Mail would otherwise make a new one when it saves changes. */
  private static final class OwnIdMessage extends MimeMessage {
    private final String messageId;

    OwnIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
