package io.sequor.domain.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Verdicts from real DNS answers, given over UDP and TCP by a local server. */
class AddressVerifierTest {

  static TestDnsServer dns;
  static AddressVerifier verifier;

  @BeforeAll
  static void startDns() {
    dns = TestDnsServer.start(TestDnsServer.Fallback.NO_SUCH_DOMAIN);
    verifier = Addresses.verifier(dns, Map.of());
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  private static List<String> codes(AddressVerdict verdict) {
    return verdict.reasons().stream().map(Reason::code).toList();
  }

  @Nested
  class TheDomainAcceptsMail {

    @Test
    void aDomainWithMxRecordsIsValid() {
      dns.mx("acme.test", "mx1.acme.test", "mx2.acme.test");
      AddressVerdict verdict = verifier.verify("ada.lovelace@acme.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.VALID);
      assertThat(verdict.reasons())
          .singleElement()
          .satisfies(r -> assertThat(r.code()).isEqualTo("mx"))
          .satisfies(r -> assertThat(r.text()).contains("acme.test"));
    }

    @Test
    void aDomainWithoutMxButWithAnAddressIsValidByTheImplicitMxOfRfc5321() {
      dns.addressOnly("a-only.test");
      assertThat(verifier.verify("ada@a-only.test"))
          .satisfies(v -> assertThat(v.verdict()).isEqualTo(Verdict.VALID))
          .satisfies(v -> assertThat(codes(v)).containsExactly("implicit-mx"));
      dns.ipv6Only("v6-only.test");
      assertThat(verifier.verify("ada@v6-only.test").verdict()).isEqualTo(Verdict.VALID);
      assertThat(dns.queries("v6-only.test", Type.AAAA)).isEqualTo(1);
    }

    @Test
    void anAnswerTooLongForUdpIsFetchedAgainOverTcp() {
      dns.truncatedOverUdp("big.test", "mx.big.test");
      int tcpBefore = dns.tcpQueries();
      assertThat(verifier.verify("ada@big.test").verdict()).isEqualTo(Verdict.VALID);
      assertThat(dns.tcpQueries()).isGreaterThan(tcpBefore);
    }

    @Test
    void anInternationalisedDomainIsLookedUpInItsAsciiForm() {
      dns.mx("xn--bcher-kva.test", "mx.xn--bcher-kva.test");
      assertThat(verifier.verify("ada@bücher.test").verdict()).isEqualTo(Verdict.VALID);
    }
  }

  @Nested
  class MailCannotArrive {

    @Test
    void aDomainThatDoesNotExistIsInvalid() {
      dns.noSuchDomain("no-such-company.test", 60);
      AddressVerdict verdict = verifier.verify("ada@no-such-company.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
      assertThat(codes(verdict)).containsExactly("no-domain");
      assertThat(verdict.explanation()).contains("no-such-company.test does not exist");
    }

    @Test
    void aNullMxSaysTheDomainTakesNoMail() {
      dns.nullMx("parked.test");
      AddressVerdict verdict = verifier.verify("ada@parked.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
      assertThat(codes(verdict)).containsExactly("null-mx");
    }

    @Test
    void aDomainWithNoMxAndNoAddressIsInvalid() {
      dns.noMailHost("web-only.test");
      AddressVerdict verdict = verifier.verify("ada@web-only.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
      assertThat(codes(verdict)).containsExactly("no-mail-host");
      assertThat(dns.queries("web-only.test", Type.A)).isEqualTo(1);
      assertThat(dns.queries("web-only.test", Type.AAAA)).isEqualTo(1);
    }

    @Test
    void badSyntaxIsInvalidWithoutAskingDns() {
      AddressVerdict verdict = verifier.verify("ada..lovelace@syntax.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
      assertThat(codes(verdict)).containsExactly("bad-syntax");
      assertThat(dns.queries("syntax.test", Type.MX)).isZero();
    }
  }

  @Nested
  class DnsCannotTell {

    @Test
    void aResolverThatNeverAnswersGivesUnknownWithinTheTimeout() {
      dns.silent("black-hole.test");
      long start = System.nanoTime();
      AddressVerdict verdict = verifier.verify("ada@black-hole.test");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(verdict.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(codes(verdict)).containsExactly("dns-timeout");
      assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServerFailureGivesUnknownAndIsAskedAgainNextTime() {
      dns.serverFailure("broken.test");
      assertThat(verifier.verify("ada@broken.test").verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(codes(verifier.verify("bob@broken.test"))).containsExactly("dns-failure");
      assertThat(dns.queries("broken.test", Type.MX)).isEqualTo(2);
    }

    @Test
    void anUnreachableResolverGivesUnknownNotInvalid() {
      TestDnsServer gone = TestDnsServer.start(TestDnsServer.Fallback.NO_SUCH_DOMAIN);
      String address = gone.address();
      gone.close();
      AddressVerifier offline =
          Addresses.verifier(Map.of("resolver", address, "timeout", "PT0.5S"));
      AddressVerdict verdict = offline.verify("ada@example.org");
      assertThat(verdict.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(codes(verdict)).singleElement().isIn("dns-timeout", "dns-failure");
    }
  }

  @Nested
  class Caching {

    @Test
    void anAnswerIsKeptForItsTtl() {
      dns.mx("cached.test", "mx.cached.test");
      verifier.verify("ada@cached.test");
      verifier.verify("bob@cached.test");
      assertThat(dns.queries("cached.test", Type.MX)).isEqualTo(1);
    }

    @Test
    void noSuchDomainIsKeptToo() {
      dns.noSuchDomain("gone.test", 300);
      verifier.verify("ada@gone.test");
      assertThat(verifier.verify("bob@gone.test").verdict()).isEqualTo(Verdict.INVALID);
      assertThat(dns.queries("gone.test", Type.MX)).isEqualTo(1);
    }

    @Test
    void anAnswerIsAskedAgainOnceTheCapOnItsTtlHasPassed() {
      AddressVerifier shortMemory = Addresses.verifier(dns, Map.of("cache-max-ttl", "PT1S"));
      dns.mxWithTtl("short.test", 3600, "mx.short.test");
      shortMemory.verify("ada@short.test");
      shortMemory.verify("ada@short.test");
      assertThat(dns.queries("short.test", Type.MX)).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                shortMemory.verify("ada@short.test");
                return dns.queries("short.test", Type.MX) == 2;
              });
    }
  }

  @Nested
  class PoorTargets {

    @Test
    void aRoleAddressIsRiskyAndSaysWhy() {
      dns.mx("roles.test", "mx.roles.test");
      AddressVerdict verdict = verifier.verify("Sales+2026@roles.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.RISKY);
      assertThat(codes(verdict)).containsExactly("mx", "role-address");
    }

    @Test
    void aDisposableDomainIsRisky() {
      dns.mx("mailinator.com", "mail.mailinator.com");
      AddressVerdict verdict = verifier.verify("ada@mailinator.com");
      assertThat(verdict.verdict()).isEqualTo(Verdict.RISKY);
      assertThat(codes(verdict)).containsExactly("mx", "disposable-domain");
    }

    @Test
    void aDomainThatDoesNotExistOutweighsARoleAddress() {
      dns.noSuchDomain("nowhere.test", 60);
      AddressVerdict verdict = verifier.verify("info@nowhere.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
      assertThat(codes(verdict)).containsExactly("no-domain", "role-address");
    }

    @Test
    void aTrustedDomainIsNotLookedUp() {
      AddressVerifier trusting = Addresses.verifier(dns, Map.of("trusted-domains", "trusted.test"));
      AddressVerdict verdict = trusting.verify("ada@eu.trusted.test");
      assertThat(verdict.verdict()).isEqualTo(Verdict.VALID);
      assertThat(codes(verdict)).containsExactly("trusted-domain");
      assertThat(dns.queries("eu.trusted.test", Type.MX)).isZero();
    }
  }

  @Test
  void aListGetsOneVerdictPerAddressInOrderAndEachDomainIsAskedOnce() {
    dns.mx("list-a.test", "mx.list-a.test");
    dns.noSuchDomain("list-b.test", 60);
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      addresses.add(
          switch (i % 4) {
            case 0 -> "person" + i + "@list-a.test";
            case 1 -> "person" + i + "@list-b.test";
            case 2 -> "not an address " + i;
            default -> "person" + i + "@list-" + (i % 40) + ".test";
          });
    }
    List<AddressVerdict> verdicts = verifier.verifyAll(addresses);
    assertThat(verdicts).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(verdicts.get(i).address()).isEqualTo(addresses.get(i));
    }
    assertThat(verdicts.get(0).verdict()).isEqualTo(Verdict.VALID);
    assertThat(verdicts.get(1).verdict()).isEqualTo(Verdict.INVALID);
    assertThat(codes(verdicts.get(2))).containsExactly("bad-syntax");
    assertThat(dns.queries("list-a.test", Type.MX)).isEqualTo(1);
    assertThat(dns.queries("list-b.test", Type.MX)).isEqualTo(1);
    assertThat(dns.queries("list-3.test", Type.MX)).isEqualTo(1);
  }
}
