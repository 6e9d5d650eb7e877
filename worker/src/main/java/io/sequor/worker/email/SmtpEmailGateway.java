package io.sequor.worker.email;

import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailSessions;
import io.sequor.domain.mailboxes.Mailbox;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends through each mailbox's own SMTP server. A mailbox's sender (its Jakarta Mail session and
 * login) is built once and kept until the mailbox's settings change, which its version tells.
 */
@Component
class SmtpEmailGateway implements EmailGateway {

  private record Cached(int version, JavaMailSenderImpl sender) {}

  private final Map<String, Cached> senders = new ConcurrentHashMap<>();

  @Override
  public void send(Mailbox from, OutboundEmail email) {
    if (email.subject().indexOf('\r') >= 0 || email.subject().indexOf('\n') >= 0) {
      throw new EmailRejectedException("subject contains a line break", true);
    }
    JavaMailSenderImpl sender = sender(from);
    MimeMessage message;
    try {
      message = new OwnIdMessage(sender.getSession(), email.messageId());
      message.setFrom(
          from.displayName() == null
              ? new InternetAddress(email.from())
              : new InternetAddress(
                  email.from(), from.displayName(), StandardCharsets.UTF_8.name()));
      message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.to(), true));
      message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
      message.setText(email.text(), StandardCharsets.UTF_8.name());
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
