package io.sequor.domain.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.TestStore;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.prospects.ProspectStore;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The enrolment's address check on a real PostgreSQL and a local DNS server: both settings of
 * {@code sequor.addresses.on-invalid}, and what is kept with the prospect.
 */
@SpringJUnitConfig(EnrolmentEmailCheckTest.Setup.class)
class EnrolmentEmailCheckTest {

  static final TestDnsServer DNS =
      TestDnsServer.start(TestDnsServer.Fallback.MAIL_SERVER)
          .noSuchDomain("typo-company.test", 60)
          .silent("slow.test");

  @Configuration(proxyBeanMethods = false)
  @Import({
    TestStore.class,
    ProspectStore.class,
    EmailVerdicts.class,
    EnrolmentEmailCheck.class,
    AddressVerifier.class,
    AddressLists.class,
    MailDomains.class
  })
  static class Setup {

    @Bean
    SequorClock sequorClock() {
      return () -> Instant.parse("2026-03-02T09:00:00Z");
    }

    @Bean
    AddressProperties addressProperties() {
      return Addresses.properties(Map.of("resolver", DNS.address(), "timeout", "PT0.5S"));
    }
  }

  @AfterAll
  static void stopDns() {
    DNS.close();
  }

  @Autowired EnrolmentEmailCheck check;
  @Autowired ProspectStore prospects;
  @Autowired EmailVerdicts verdicts;
  @Autowired AddressVerifier verifier;

  private Prospect prospect(String email) {
    String slug = UUID.randomUUID().toString().substring(0, 8);
    return prospects.upsert(
        new ProspectData(
            email,
            "https://www.linkedin.com/in/p-" + slug,
            "Ada",
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            null,
            null,
            null));
  }

  @Nested
  class SkipEmail {

    @Test
    void anInvalidAddressIsKeptAndMarksTheEmailUndeliverable() {
      String email = "ada@typo-company.test";
      Prospect prospect = prospect(email);
      AddressVerdict verdict = check.verify("prospect.email", email).orElseThrow();
      check.keep("prospect.email", prospect, verdict, true);

      assertThat(prospects.get(prospect.id()).emailUndeliverable()).isTrue();
      EmailVerification kept = verdicts.find(prospect.id()).orElseThrow();
      assertThat(kept.verdict()).isEqualTo(Verdict.INVALID);
      assertThat(kept.reasons()).extracting(Reason::code).containsExactly("no-domain");
      assertThat(kept.verifiedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void anUnknownAddressIsKeptAndTheProspectStaysReachable() {
      String email = "ada@slow.test";
      Prospect prospect = prospect(email);
      AddressVerdict verdict = check.verify("prospect.email", email).orElseThrow();
      check.keep("prospect.email", prospect, verdict, true);

      assertThat(verdict.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(prospects.get(prospect.id()).emailUndeliverable()).isFalse();
      assertThat(verdicts.find(prospect.id()).orElseThrow().verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void anInvalidAddressIsRefusedWhenNoLinkedInStepCouldReachTheProspectInstead() {
      String email = "bob@typo-company.test";
      Prospect prospect = prospect(email);
      AddressVerdict verdict = check.verify("prospect.email", email).orElseThrow();
      assertThatThrownBy(() -> check.keep("prospect.email", prospect, verdict, false))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.problems())
                      .singleElement()
                      .satisfies(p -> assertThat(p.field()).isEqualTo("prospect.email"))
                      .satisfies(p -> assertThat(p.reason()).contains("no LinkedIn step")));
    }

    @Test
    void aNewAddressClearsWhatWasLearntAboutTheOldOne() {
      Prospect prospect = prospect("cy@typo-company.test");
      check.keep(
          "prospect.email",
          prospect,
          check.verify("prospect.email", prospect.email()).orElseThrow(),
          true);
      Prospect moved =
          prospects.upsert(
              new ProspectData(
                  "cy@fixed-company.test",
                  prospect.linkedinUrl(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null));

      assertThat(moved.id()).isEqualTo(prospect.id());
      assertThat(moved.emailUndeliverable()).isFalse();
      assertThat(verdicts.find(prospect.id())).isEmpty();
    }
  }

  @Nested
  class Refuse {

    private final EnrolmentEmailCheck refusing =
        new EnrolmentEmailCheck(
            verifier,
            verdicts,
            prospects,
            Instant::now,
            Addresses.properties(Map.of("on-invalid", "REFUSE")));

    @Test
    void anInvalidAddressIsRefusedWithA400NamingTheField() {
      assertThatThrownBy(() -> refusing.verify("prospect.email", "dee@typo-company.test"))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.problems())
                      .singleElement()
                      .isEqualTo(
                          new FieldProblem(
                              "prospect.email",
                              "'dee@typo-company.test' cannot receive email: the domain"
                                  + " typo-company.test does not exist (NXDOMAIN)")));
    }

    @Test
    void unknownAndRiskyAddressesAreStillEnrolled() {
      assertThat(refusing.verify("prospect.email", "dee@slow.test"))
          .hasValueSatisfying(v -> assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN));
      assertThat(refusing.verify("prospect.email", "info@fine.test"))
          .hasValueSatisfying(v -> assertThat(v.verdict()).isEqualTo(Verdict.RISKY));
    }
  }
}
