package io.sequor.app.embedded;

import com.google.protobuf.Empty;
import com.icegreen.greenmail.util.GreenMailUtil;
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
import jakarta.mail.internet.MimeMessage;
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
                  m.getAllRecipients()[0].toString(),
                  m.getSubject(),
                  GreenMailUtil.getBody(m),
                  m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant()));
        } catch (MessagingException e) {
          throw new IllegalStateException("mailbox message unreadable", e);
        }
      }
      return mails;
    };
  }
}
