package io.sequor.app.embedded;

import com.google.protobuf.Empty;
import io.sequor.api.dev.DevClock;
import io.sequor.api.dev.DevLinkedIn;
import io.sequor.api.dev.DevMailbox;
import io.sequor.app.roles.DefaultMailbox;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.mailboxes.MailServer;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.secrets.Secret;
import io.sequor.worker.linkedin.SandboxLinkedInGateway;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.internal.common.ProtobufTimeUtils;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * Beans that exist only in the embedded runtime: the dev clock, the local mailbox, the default
 * sender mailbox on it, and the controls of the LinkedIn sandbox.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
class EmbeddedConfiguration {

  @Bean(destroyMethod = "shutdown")
  TestServiceStubs embeddedTestService(EmbeddedInfrastructure infra) {
    return TestServiceStubs.newServiceStubs(
        TestServiceStubsOptions.newBuilder(infra.stubsOptions()).validateAndBuildWithDefaults());
  }

  /** Engine time is the test server's time, so records agree with the workflows' timers. */
  @Bean
  @Primary
  SequorClock embeddedClock(TestServiceStubs testService) {
    return () ->
        ProtobufTimeUtils.toJavaInstant(
            testService.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime());
  }

  @Bean
  DevClock devClock(TestServiceStubs testService, SequorClock clock) {
    return new DevClock() {
      @Override
      public Instant now() {
        return clock.now();
      }

      @Override
      public Instant advance(Duration duration) {
        testService
            .blockingStub()
            .unlockTimeSkippingWithSleep(
                SleepRequest.newBuilder()
                    .setDuration(ProtobufTimeUtils.toProtoDuration(duration))
                    .build());
        return clock.now();
      }
    };
  }

  /** Answers 409 "sandbox not in use" when another LinkedIn gateway is configured. */
  @Bean
  DevLinkedIn devLinkedIn(
      ObjectProvider<SandboxLinkedInGateway> sandbox, SequorProperties properties) {
    return new SandboxControls(sandbox.getIfAvailable(), properties.linkedin().gateway());
  }

  /**
   * The default mailbox sends through the embedded mail server and reads its replies there, logged
   * in to an account made for it; it follows the server's ports at every start.
   */
  @Bean
  DefaultMailbox embeddedDefaultMailbox(EmbeddedInfrastructure infra, SequorProperties properties) {
    String address = properties.mail().from();
    Secret password = Secret.of(infra.mailboxPassword(address));
    return new DefaultMailbox(
        new MailboxStore.Draft(
            address,
            null,
            new MailServer(
                "127.0.0.1", infra.smtp.getPort(), address, password, MailServer.Security.NONE),
            new MailServer(
                "127.0.0.1", infra.imap.getPort(), address, password, MailServer.Security.NONE),
            null),
        true);
  }

  @Bean
  DevMailbox devMailbox(EmbeddedInfrastructure infra) {
    return () -> {
      List<DevMailbox.Mail> mails = new ArrayList<>();
      for (MimeMessage m : infra.mail.getReceivedMessages()) {
        try {
          mails.add(
              new DevMailbox.Mail(
                  m.getMessageID(),
                  m.getFrom()[0].toString(),
                  ((InternetAddress) m.getAllRecipients()[0]).getAddress(),
                  m.getSubject(),
                  part(m, "text/plain"),
                  m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant(),
                  part(m, "text/html"),
                  header(m, "In-Reply-To"),
                  header(m, "References"),
                  header(m, "List-Unsubscribe")));
        } catch (MessagingException | IOException e) {
          throw new IllegalStateException("mailbox message unreadable", e);
        }
      }
      return mails;
    };
  }

  /** The first part of a type, looking inside multiparts; the whole body of a one-part message. */
  private static String part(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
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

  private static String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, " ");
    return value == null ? null : MimeUtility.unfold(value);
  }
}
