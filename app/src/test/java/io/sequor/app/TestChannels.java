package io.sequor.app;

import io.sequor.domain.mailboxes.Mailbox;
import io.sequor.worker.email.EmailGateway;
import io.sequor.worker.email.OutboundEmail;
import io.sequor.worker.linkedin.LinkedInGateway;
import io.sequor.worker.linkedin.LinkedInMessage;
import io.sequor.worker.linkedin.LinkedInResult;
import io.sequor.worker.linkedin.SandboxLinkedInGateway;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Fault injection around the real channel adapters, and the HTTP provider for chosen seats,
 * switched on per recipient or seat so every test shares one application context (one worker on the
 * shared Temporal task queue).
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
  HoldingLinkedInGateway holdingLinkedInGateway(
      SandboxLinkedInGateway sandbox, ProviderSeats providerSeats) {
    return new HoldingLinkedInGateway(sandbox, providerSeats);
  }

  @Bean
  ProviderSeats providerSeats() throws IOException {
    return new ProviderSeats();
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
    private final ProviderSeats providerSeats;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Map<String, Optional<Duration>> rateLimitOnce = new ConcurrentHashMap<>();

    /** The provider answers the next send to this profile with a rate limit. */
    void rateLimitOnce(String profileUrl) {
      rateLimitOnce.put(profileUrl, Optional.empty());
    }

    /** The same, asking Sequor to wait this long before trying again (its Retry-After). */
    void rateLimitOnce(String profileUrl, Duration retryAfter) {
      rateLimitOnce.put(profileUrl, Optional.of(retryAfter));
    }

    HoldingLinkedInGateway(LinkedInGateway sandbox, ProviderSeats providerSeats) {
      this.sandbox = sandbox;
      this.providerSeats = providerSeats;
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
      Optional<Duration> limited = rateLimitOnce.remove(message.profileUrl());
      if (limited != null) {
        return LinkedInResult.rateLimited(limited.orElse(null), "too many requests");
      }
      if (providerSeats.sendsThroughProvider(message)) {
        return providerSeats.send(message);
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
