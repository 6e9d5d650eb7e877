package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Email addresses are verified at enrolment against DNS (here a local DNS server the test scripts),
 * and in bulk through the API.
 */
class AddressVerificationTest extends EmbeddedRuntimeTest {

  private static Map<String, Object> prospectAt(String name, String domain) {
    Map<String, Object> prospect = new HashMap<>(prospect(name));
    prospect.put("email", ((String) prospect.get("email")).replace("@example.com", "@" + domain));
    return prospect;
  }

  private static String uniqueDomain(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  }

  @Nested
  class AtEnrolment {

    @Test
    void anAddressAtADomainThatDoesNotExistSkipsTheEmailStepsAndLinkedInGoesOn() {
      String domain = uniqueDomain("no-such-company");
      DNS.noSuchDomain(domain, 60);
      Map<String, Object> prospect = prospectAt("typo", domain);

      JsonNode enrolled = enrol(canonicalSequenceId(), prospect);
      String id = enrolled.path("id").asString();
      assertThat(enrolled.path("prospectEmail").path("verdict").asString()).isEqualTo("INVALID");
      assertThat(enrolled.path("prospectEmail").path("reasons").get(0).path("code").asString())
          .isEqualTo("no-domain");
      JsonNode stored = get("/api/prospects/" + enrolled.path("prospectId").asString()).body();
      assertThat(stored.path("emailUndeliverable").asBoolean()).isTrue();
      assertThat(stored.path("emailVerification").path("verdict").asString()).isEqualTo("INVALID");

      awaitStep(id, "day-0-inmail", "SENT");
      advance(Duration.ofDays(15));
      awaitStep(id, "day-14-exit", "SENT");

      JsonNode state = enrolment(id);
      assertThat(step(state, "email-day-1").path("status").asString()).isEqualTo("FAILED");
      assertThat(step(state, "email-day-1").path("detail").asString())
          .isEqualTo(
              "email address is undeliverable: failed verification, the domain "
                  + domain
                  + " does not exist (NXDOMAIN)");
      assertThat(step(state, "email-day-5").path("status").asString()).isEqualTo("CANCELLED");
      assertThat(step(state, "email-day-10").path("status").asString()).isEqualTo("CANCELLED");
      assertThat(state.path("emailBranchStopped").asBoolean()).isTrue();
      assertThat(emailsTo(prospect.get("email"))).isEmpty();
      assertThat(linkedInTo(prospect.get("linkedinUrl")))
          .extracting(m -> m.idempotencyKey().substring(id.length() + 1))
          .containsExactly("day-0-inmail", "day-3-bump", "day-7-new-angle", "day-14-exit");
    }

    @Test
    void aRoleAddressIsEnrolledAndMailedWithItsVerdictShown() {
      String domain = uniqueDomain("roles");
      DNS.mx(domain, "mx." + domain);
      Map<String, Object> prospect = new HashMap<>(prospect("role"));
      prospect.put("email", "info+" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain);

      JsonNode enrolled = enrol(canonicalSequenceId(), prospect);
      String id = enrolled.path("id").asString();
      assertThat(enrolled.path("prospectEmail").path("verdict").asString()).isEqualTo("RISKY");
      assertThat(enrolled.path("prospectEmail").path("reasons"))
          .extracting(r -> r.path("code").asString())
          .containsExactly("mx", "role-address");

      advance(Duration.ofDays(1));
      awaitStep(id, "email-day-1", "SENT");
      assertThat(emailsTo(prospect.get("email"))).hasSize(1);
    }

    @Test
    void whenDnsDoesNotAnswerTheAddressIsUnknownAndTheEmailsGoOut() {
      String domain = uniqueDomain("black-hole");
      DNS.silent(domain);
      Map<String, Object> prospect = prospectAt("unanswered", domain);

      JsonNode enrolled = enrol(canonicalSequenceId(), prospect);
      String id = enrolled.path("id").asString();
      assertThat(enrolled.path("prospectEmail").path("verdict").asString()).isEqualTo("UNKNOWN");

      advance(Duration.ofDays(1));
      awaitStep(id, "email-day-1", "SENT");
      assertThat(emailsTo(prospect.get("email"))).hasSize(1);
    }

    @Test
    void anInvalidAddressIsRefusedWhenNothingElseCouldReachTheProspect() {
      String domain = uniqueDomain("parked");
      DNS.nullMx(domain);
      Map<String, Object> prospect = prospectAt("email-only", domain);
      prospect.remove("linkedinUrl");

      Reply reply =
          post(
              "/api/enrolments", Map.of("sequenceId", canonicalSequenceId(), "prospect", prospect));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body().path("errors").get(0).path("field").asString())
          .isEqualTo("prospect.email");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("accepts no email (null MX")
          .contains("no LinkedIn step");
    }
  }

  @Nested
  class InBulk {

    @Test
    void answersAVerdictWithReasonsForEachAddressInOrder() {
      String good = uniqueDomain("good");
      String gone = uniqueDomain("gone");
      DNS.mx(good, "mx." + good);
      DNS.noSuchDomain(gone, 60);

      Reply reply =
          post(
              "/api/addresses/verify",
              Map.of(
                  "addresses",
                  List.of(
                      "ada@" + good,
                      "sales@" + good,
                      "ada@" + gone,
                      "ada@mailinator.com",
                      "not an address")));

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().path("results"))
          .extracting(r -> r.path("verdict").asString())
          .containsExactly("VALID", "RISKY", "INVALID", "RISKY", "INVALID");
      assertThat(reply.body().path("results").get(3).path("reasons"))
          .extracting(r -> r.path("code").asString())
          .contains("disposable-domain");
      assertThat(reply.body().path("results").get(4).path("address").asString())
          .isEqualTo("not an address");
      assertThat(reply.body().path("results").get(4).path("reasons").get(0).path("text").asString())
          .startsWith("not an email address");
    }

    @Test
    void refusesMoreThanAThousandAddressesNamingTheField() {
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < 1001; i++) {
        addresses.add("p" + i + "@example.com");
      }
      Reply reply = post("/api/addresses/verify", Map.of("addresses", addresses));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.body().path("errors").get(0).path("field").asString())
          .isEqualTo("addresses");
      assertThat(reply.body().path("errors").get(0).path("reason").asString())
          .contains("at most 1000");
    }

    @Test
    void refusesAnEmptyListOrANullEntryNamingTheField() {
      Reply empty = post("/api/addresses/verify", Map.of("addresses", List.of()));
      assertThat(empty.status()).isEqualTo(400);
      assertThat(empty.body().path("errors").get(0).path("field").asString())
          .isEqualTo("addresses");
      Reply withNull = post("/api/addresses/verify", "{\"addresses\": [\"a@example.com\", null]}");
      assertThat(withNull.status()).isEqualTo(400);
      assertThat(withNull.body().path("errors").get(0).path("field").asString())
          .isEqualTo("addresses[1]");
    }
  }
}
