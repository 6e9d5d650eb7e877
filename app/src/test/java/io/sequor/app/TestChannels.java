package io.sequor.app;

import io.sequor.domain.mailboxes.Mailbox;
import io.sequor.worker.email.EmailGateway;
import io.sequor.worker.email.OutboundEmail;
import io.sequor.worker.linkedin.LinkedInGateway;
import io.sequor.worker.linkedin.LinkedInMessage;
import io.sequor.worker.linkedin.LinkedInResult;
import io.sequor.worker.linkedin.SandboxLinkedInGateway;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Fault injection around the real channel adapters, switched on per recipient so every test shares
 * one application context (one worker on the shared Temporal task queue).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestChannels {

  @Bean
  @Primary
  CrashingEmailGateway crashingEmailGateway(@Qualifier("smtpEmailGateway") EmailGateway smtp) {
    return new CrashingEmailGateway(smtp);
  }

  @Bean
  @Primary
  HoldingLinkedInGateway holdingLinkedInGateway(SandboxLinkedInGateway sandbox) {
    return new HoldingLinkedInGateway(sandbox);
  }

  /** Delivers through real SMTP, then dies before Sequor can record the send, once per address. */
  static final class CrashingEmailGateway implements EmailGateway {
    private final EmailGateway smtp;
    private final Set<String> crashOnce = ConcurrentHashMap.newKeySet();

    CrashingEmailGateway(EmailGateway smtp) {
      this.smtp = smtp;
    }

    void crashOnceAfterAccepting(String recipient) {
      crashOnce.add(recipient);
    }

    @Override
    public void send(Mailbox from, OutboundEmail email) {
      smtp.send(from, email);
      if (crashOnce.remove(email.to())) {
        throw new IllegalStateException("simulated crash after the SMTP server accepted");
      }
    }
  }

  /** Holds a send to a chosen profile inside the provider call until the test lets it go. */
  static final class HoldingLinkedInGateway implements LinkedInGateway {
    private final LinkedInGateway sandbox;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Set<String> rateLimitOnce = ConcurrentHashMap.newKeySet();

    /** The provider answers the next send to this profile with a rate limit. */
    void rateLimitOnce(String profileUrl) {
      rateLimitOnce.add(profileUrl);
    }

    HoldingLinkedInGateway(LinkedInGateway sandbox) {
      this.sandbox = sandbox;
    }

    record Hold(String stepKey, CountDownLatch entered, CountDownLatch release) {}

    Hold holdStep(String profileUrl, String stepKey) {
      Hold hold = new Hold(stepKey, new CountDownLatch(1), new CountDownLatch(1));
      holds.put(profileUrl, hold);
      return hold;
    }

    @Override
    public boolean hasOpenProfile(String profileUrl) {
      return sandbox.hasOpenProfile(profileUrl);
    }

    @Override
    public LinkedInResult send(LinkedInMessage message) {
      if (rateLimitOnce.remove(message.profileUrl())) {
        return new LinkedInResult(LinkedInResult.Kind.RATE_LIMITED, null, "too many requests");
      }
      Hold hold = holds.get(message.profileUrl());
      if (hold != null && message.idempotencyKey().endsWith(":" + hold.stepKey())) {
        hold.entered().countDown();
        try {
          hold.release().await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return sandbox.send(message);
    }

    @Override
    public boolean withdrawInvitation(String seatId, String profileUrl, String invitationId) {
      return sandbox.withdrawInvitation(seatId, profileUrl, invitationId);
    }
  }
}
