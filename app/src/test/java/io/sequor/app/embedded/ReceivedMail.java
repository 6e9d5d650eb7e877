package io.sequor.app.embedded;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;

/** The messages exactly as the embedded SMTP server (GreenMail) received them. */
public final class ReceivedMail {

  private ReceivedMail() {}

  /** Every message to this address, in the order received. */
  public static List<MimeMessage> to(ApplicationContext context, String address) {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message :
        context.getBean(EmbeddedInfrastructure.class).mail.getReceivedMessages()) {
      try {
        for (Address recipient : message.getAllRecipients()) {
          if (((InternetAddress) recipient).getAddress().equalsIgnoreCase(address)) {
            found.add(message);
          }
        }
      } catch (MessagingException e) {
        throw new IllegalStateException("unreadable message", e);
      }
    }
    return found;
  }
}
