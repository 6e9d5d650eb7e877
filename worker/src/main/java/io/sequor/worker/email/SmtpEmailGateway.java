package io.sequor.worker.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends through the SMTP server configured under {@code spring.mail}. */
@Component
class SmtpEmailGateway implements EmailGateway {

  private final JavaMailSenderImpl sender;

  SmtpEmailGateway(JavaMailSenderImpl sender) {
    this.sender = sender;
  }

  @Override
  public void send(OutboundEmail email) {
    if (email.subject().indexOf('\r') >= 0 || email.subject().indexOf('\n') >= 0) {
      throw new EmailRejectedException("subject contains a line break", true);
    }
    MimeMessage message;
    try {
      message = new OwnIdMessage(sender.getSession(), email.messageId());
      message.setFrom(new InternetAddress(email.from()));
      message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.to(), true));
      message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
      message.setText(email.text(), StandardCharsets.UTF_8.name());
    } catch (MessagingException e) {
      throw new EmailRejectedException("message could not be built: " + e.getMessage(), true);
    }
    try {
      sender.send(message);
    } catch (MailSendException e) {
      throw new EmailRejectedException(
          "mail server refused the message: " + e.getMessage(), refusedRecipient(e));
    } catch (MailException e) {
      throw new EmailRejectedException("mail server unavailable: " + e.getMessage(), false);
    }
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
