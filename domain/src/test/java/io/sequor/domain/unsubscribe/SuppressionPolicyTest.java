package io.sequor.domain.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.TestProperties;
import io.sequor.domain.config.TestStore;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.prospects.Checklist;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.workflows.sequence.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** What the suppression list does to a new enrolment, on a real PostgreSQL. */
@SpringJUnitConfig(SuppressionPolicyTest.Store.class)
class SuppressionPolicyTest {

  @Configuration(proxyBeanMethods = false)
  @Import({TestStore.class, ProspectStore.class})
  static class Store {

    @Bean
    SequorClock sequorClock() {
      return Instant::now;
    }
  }

  private static final SequenceVersion MIXED =
      version(
          new StepDefinition("inmail", Channel.LINKEDIN_INMAIL, 0, "Hi", "Hi"),
          new StepDefinition("email", Channel.EMAIL, 1, "Hi", "Hi"));
  private static final SequenceVersion EMAIL_ONLY =
      version(new StepDefinition("email", Channel.EMAIL, 0, "Hi", "Hi"));

  @Autowired ProspectStore prospects;

  private SuppressionPolicy policy(String onSuppressed) {
    return new SuppressionPolicy(
        prospects, TestProperties.bind(Map.of("mail.on-suppressed", onSuppressed)));
  }

  private static SequenceVersion version(StepDefinition... steps) {
    return new SequenceVersion(
        UUID.randomUUID(), UUID.randomUUID(), "s", 1, List.of(steps), Instant.now());
  }

  private Prospect prospect(String domain) {
    String slug = UUID.randomUUID().toString().substring(0, 8);
    return prospects.upsert(
        new ProspectData(
            slug + "@" + domain,
            "https://www.linkedin.com/in/" + slug,
            "Ada",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  /** What an email unsubscribe of an address alone leaves: the address, not the profile. */
  private void suppressAddress(Prospect prospect) {
    prospects.suppress(
        new Prospect(
            UUID.randomUUID(),
            prospect.email(),
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            false,
            Map.of(),
            null,
            Checklist.EMPTY,
            Checklist.EMPTY,
            null),
        "test");
  }

  @Test
  void aSuppressedAddressIsRefusedUnderRefuseAndOnlyLosesItsEmailsUnderSkipEmail() {
    Prospect prospect = prospect("example.com");
    suppressAddress(prospect);

    assertThat(policy("REFUSE").refusal(MIXED, prospect, "prospect"))
        .get()
        .extracting(FieldProblem::field)
        .isEqualTo("prospect.email");
    assertThat(policy("SKIP_EMAIL").refusal(MIXED, prospect, "prospect")).isEmpty();
    assertThat(prospects.emailSuppressed(prospect)).isTrue();
    assertThat(prospects.linkedInSuppressed(prospect)).isFalse();
  }

  @Test
  void underSkipEmailASequenceThatCouldOnlyEmailTheAddressIsRefused() {
    Prospect prospect = prospect("example.com");
    suppressAddress(prospect);
    assertThat(policy("SKIP_EMAIL").refusal(EMAIL_ONLY, prospect, "prospectId"))
        .get()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("prospectId");
              assertThat(p.reason()).contains("suppressed", "no other step");
            });
  }

  @Test
  void aProspectWhoUnsubscribedIsRefusedWhateverTheSetting() {
    Prospect prospect = prospect("example.com");
    prospects.suppress(prospect, "unsubscribed");
    for (String setting : new String[] {"REFUSE", "SKIP_EMAIL"}) {
      assertThat(policy(setting).refusal(MIXED, prospect, "prospect"))
          .get()
          .extracting(FieldProblem::field)
          .isEqualTo("prospect.linkedinUrl");
    }
  }

  @Test
  void aSuppressedDomainHoldsEveryAddressOfItAndNoOther() {
    String domain = "d-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    Prospect colleague = prospect(domain);
    Prospect elsewhere = prospect("example.org");
    prospects.suppressDomain(domain.toUpperCase(java.util.Locale.ROOT), "test");
    prospects.suppressDomain(domain, "test");

    assertThat(prospects.emailSuppressed(colleague)).isTrue();
    assertThat(prospects.linkedInSuppressed(colleague)).isFalse();
    assertThat(prospects.emailSuppressed(elsewhere)).isFalse();
    assertThat(policy("REFUSE").refusal(MIXED, colleague, "prospect")).isPresent();
    assertThat(policy("SKIP_EMAIL").refusal(MIXED, colleague, "prospect")).isEmpty();
  }
}
