package io.sequor.worker.linkedin.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.worker.linkedin.LinkedInMessage;
import io.sequor.worker.linkedin.LinkedInResult;
import io.sequor.workflows.sequence.Channel;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider adapter against a local HTTP server playing the provider. */
class ProviderLinkedInGatewayTest {

  private static final String PROFILE = "https://www.linkedin.com/in/ada-lovelace-7c1e";
  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  private final JsonMapper json = JsonMapper.builder().build();
  private FakeProvider provider;
  private ProviderLinkedInGateway gateway;

  @BeforeEach
  void startProvider() throws IOException {
    provider = new FakeProvider();
    gateway = gateway(provider.baseUrl());
  }

  @AfterEach
  void stopProvider() {
    provider.close();
  }

  private ProviderLinkedInGateway gateway(URI baseUrl) {
    return new ProviderLinkedInGateway(
        new LinkedInProviderProperties(
            baseUrl,
            "test-token",
            "acc-default",
            Map.of("seat-emea", "acc-emea"),
            Duration.ofSeconds(2),
            READ_TIMEOUT,
            "sales_navigator",
            List.of("insufficient_credits", "no_credits"),
            List.of("recipient_blocks_inmail")),
        json,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static LinkedInMessage inMail(String key) {
    return new LinkedInMessage(
        "default",
        PROFILE,
        Channel.LINKEDIN_INMAIL,
        "Analytical Engines after your new role",
        "Hi Ada, would Tuesday suit you?",
        key);
  }

  private JsonNode body(FakeProvider.Request request) {
    return json.readTree(request.body());
  }

  @Test
  void sendsAnInMailThroughTheSalesNavigatorApiAndAnswersTheProvidersMessageId() {
    provider.answer(201, "{\"chat_id\":\"chat-9\",\"message_id\":\"msg-42\"}");

    LinkedInResult result = gateway.send(inMail("enrolment-1:day-0-inmail"));

    assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.SENT);
    assertThat(result.providerMessageId()).isEqualTo("msg-42");
    FakeProvider.Request request = provider.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/v1/chats");
    assertThat(request.header("Idempotency-Key")).isEqualTo("enrolment-1:day-0-inmail");
    assertThat(request.header("Authorization")).isEqualTo("Bearer test-token");
    JsonNode sent = body(request);
    assertThat(sent.path("account_id").asString()).isEqualTo("acc-default");
    assertThat(sent.path("recipient").asString()).isEqualTo(PROFILE);
    assertThat(sent.path("subject").asString()).isEqualTo("Analytical Engines after your new role");
    assertThat(sent.path("text").asString()).isEqualTo("Hi Ada, would Tuesday suit you?");
    assertThat(sent.path("linkedin").path("api").asString()).isEqualTo("sales_navigator");
    assertThat(sent.path("linkedin").path("inmail").booleanValue()).isTrue();
  }

  @Test
  void aRepeatedSendWithTheSameKeyIsDeliveredOnceAndAnswersTheSameId() {
    LinkedInResult first = gateway.send(inMail("enrolment-2:day-0-inmail"));
    LinkedInResult again = gateway.send(inMail("enrolment-2:day-0-inmail"));

    assertThat(provider.requests()).hasSize(2);
    assertThat(provider.requests())
        .extracting(r -> r.header("Idempotency-Key"))
        .containsOnly("enrolment-2:day-0-inmail");
    assertThat(provider.deliveries()).isEqualTo(1);
    assertThat(again.providerMessageId()).isEqualTo(first.providerMessageId()).isNotNull();
  }

  @Test
  void aSendRetriedAfterAServerErrorIsDeliveredOnce() {
    provider.answer(503, "");
    assertThatThrownBy(() -> gateway.send(inMail("enrolment-3:day-3-bump")))
        .isInstanceOf(ProviderUnavailableException.class);

    LinkedInResult retried = gateway.send(inMail("enrolment-3:day-3-bump"));

    assertThat(retried.kind()).isEqualTo(LinkedInResult.Kind.SENT);
    assertThat(provider.deliveries()).isEqualTo(1);
  }

  @Test
  void sendsAConnectionRequestAsAnInvitationWithTheNote() {
    provider.answer(201, "{\"invitation_id\":\"inv-7\"}");

    LinkedInResult result =
        gateway.send(
            new LinkedInMessage(
                "default",
                PROFILE,
                Channel.LINKEDIN_CONNECT,
                null,
                "Ada, enjoyed your talk.",
                "enrolment-4:connect"));

    assertThat(result.providerMessageId()).isEqualTo("inv-7");
    FakeProvider.Request request = provider.lastRequest();
    assertThat(request.path()).isEqualTo("/api/v1/users/invite");
    JsonNode sent = body(request);
    assertThat(sent.path("recipient").asString()).isEqualTo(PROFILE);
    assertThat(sent.path("message").asString()).isEqualTo("Ada, enjoyed your talk.");
    assertThat(request.header("Idempotency-Key")).isEqualTo("enrolment-4:connect");
  }

  @Nested
  class InvitationWithdrawal {

    @Test
    void deletesThePendingInvitationFromTheSeatsAccount() {
      provider.answer(200, "{\"object\":\"InvitationCancelled\"}");

      assertThat(gateway.withdrawInvitation("seat-emea", PROFILE, "inv-7")).isTrue();
      FakeProvider.Request request = provider.lastRequest();
      assertThat(request.method()).isEqualTo("DELETE");
      assertThat(request.path()).isEqualTo("/api/v1/users/invite/inv-7");
      assertThat(request.query()).isEqualTo("account_id=acc-emea");
    }

    @Test
    void anInvitationNoLongerPendingIsNothingToWithdraw() {
      provider.answer(404, "{\"code\":\"not_found\"}");

      assertThat(gateway.withdrawInvitation("default", PROFILE, "inv-8")).isFalse();
    }

    @Test
    void anInvitationSentWithoutAnIdIsNotWithdrawnAndTheProviderIsNotCalled() {
      assertThat(gateway.withdrawInvitation("default", PROFILE, null)).isFalse();
      assertThat(provider.requests()).isEmpty();
    }

    @Test
    void aRateLimitOrServerErrorIsThrownSoTheActivityRetries() {
      provider.answer(429, "").answer(503, "");

      assertThatThrownBy(() -> gateway.withdrawInvitation("default", PROFILE, "inv-9"))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("429");
      assertThatThrownBy(() -> gateway.withdrawInvitation("default", PROFILE, "inv-9"))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("503");
    }

    @Test
    void aRefusalNamesOnlyTheStatusAndCode() {
      provider.answer(403, "{\"code\":\"forbidden\",\"detail\":\"Ada Lovelace is private\"}");

      assertThatThrownBy(() -> gateway.withdrawInvitation("default", PROFILE, "inv-10"))
          .hasMessage("the provider refused the withdrawal: HTTP 403 (provider code forbidden)");
    }
  }

  @Test
  void sendsARegularMessageWithoutTheInMailFlags() {
    gateway.send(
        new LinkedInMessage(
            "default", PROFILE, Channel.LINKEDIN_MESSAGE, null, "Thanks!", "enrolment-5:msg"));

    FakeProvider.Request request = provider.lastRequest();
    assertThat(request.path()).isEqualTo("/api/v1/chats");
    JsonNode sent = body(request);
    assertThat(sent.path("text").asString()).isEqualTo("Thanks!");
    assertThat(sent.has("linkedin")).isFalse();
    assertThat(sent.has("subject")).isFalse();
  }

  @Test
  void sendsFromTheProviderAccountMappedToTheSeat() {
    gateway.send(
        new LinkedInMessage(
            "seat-emea", PROFILE, Channel.LINKEDIN_INMAIL, "Hi", "Hello", "enrolment-6:inmail"));

    assertThat(body(provider.lastRequest()).path("account_id").asString()).isEqualTo("acc-emea");
  }

  @Nested
  class WhenTheProviderRefuses {

    @Test
    void paymentRequiredIsOutOfCredits() {
      provider.answer(402, "{\"code\":\"insufficient_credits\"}");

      LinkedInResult result = gateway.send(inMail("k:402"));

      assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.OUT_OF_CREDITS);
      assertThat(result.providerMessageId()).isNull();
    }

    @Test
    void anOutOfCreditsCodeIsOutOfCreditsWhateverTheStatus() {
      provider.answer(422, "{\"error\":{\"code\":\"NO_CREDITS\"}}");

      assertThat(gateway.send(inMail("k:422")).kind())
          .isEqualTo(LinkedInResult.Kind.OUT_OF_CREDITS);
    }

    @Test
    void aRecipientWhoBlocksInMailIsKeptApartFromOutOfCreditsEvenOn402() {
      provider.answer(402, "{\"type\":\"errors/recipient_blocks_inmail\",\"status\":402}");

      LinkedInResult result = gateway.send(inMail("k:blocks"));

      assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.RECIPIENT_BLOCKS_INMAIL);
      assertThat(result.detail()).contains("does not accept InMail");
    }

    @Test
    void tooManyRequestsIsRateLimitedWithTheProvidersRetryAfter() {
      provider.answer(429, "{\"code\":\"rate_limited\"}", "Retry-After", "30");

      LinkedInResult result = gateway.send(inMail("k:429"));

      assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.RATE_LIMITED);
      assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(30));
      assertThat(result.detail()).contains("retry after PT30S");
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsReadAgainstTheClock() {
      String inTwoDays =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              NOW.plus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC));
      provider.answer(429, "", "Retry-After", inTwoDays);

      LinkedInResult result = gateway.send(inMail("k:429-date"));

      assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.RATE_LIMITED);
      assertThat(result.retryAfter()).isEqualTo(Duration.ofDays(2));
      assertThat(result.detail()).contains("retry after PT48H");
    }

    @Test
    void aRetryAfterDateAlreadyPastMeansNoWait() {
      String aMinuteAgo =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              NOW.minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC));
      provider.answer(429, "", "Retry-After", aMinuteAgo);

      assertThat(gateway.send(inMail("k:429-past")).retryAfter()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRateLimitWithoutAReadableRetryAfterCarriesNoHint() {
      provider.answer(429, "").answer(429, "", "Retry-After", "soon");

      LinkedInResult none = gateway.send(inMail("k:429-none"));
      LinkedInResult unreadable = gateway.send(inMail("k:429-unreadable"));

      assertThat(none.kind()).isEqualTo(LinkedInResult.Kind.RATE_LIMITED);
      assertThat(none.retryAfter()).isNull();
      assertThat(none.detail()).contains("no Retry-After given");
      assertThat(unreadable.kind()).isEqualTo(LinkedInResult.Kind.RATE_LIMITED);
      assertThat(unreadable.retryAfter()).isNull();
    }

    @Test
    void otherClientErrorsFailWithADetailThatQuotesNoPersonalData() {
      provider.answer(
          400,
          "{\"code\":\"invalid_recipient\",\"detail\":\"Ada Lovelace (ada@engines.example, "
              + PROFILE
              + ") cannot be reached\"}");

      LinkedInResult result = gateway.send(inMail("k:400"));

      assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.FAILED);
      assertThat(result.detail())
          .contains("HTTP 400")
          .contains("invalid_recipient")
          .doesNotContain("Ada")
          .doesNotContain("@")
          .doesNotContain("linkedin.com");
    }

    @Test
    void anErrorCodeThatIsProseIsNotEchoed() {
      provider.answer(403, "{\"code\":\"Ada Lovelace is not reachable\"}");

      LinkedInResult result = gateway.send(inMail("k:403"));

      assertThat(result.kind()).isEqualTo(LinkedInResult.Kind.FAILED);
      assertThat(result.detail()).isEqualTo("the provider refused the send: HTTP 403");
    }
  }

  @Nested
  class WhenTheProviderIsUnavailable {

    @Test
    void aServerErrorIsThrownSoTheActivityRetries() {
      provider.answer(500, "{\"detail\":\"crashed while messaging " + PROFILE + "\"}");

      assertThatThrownBy(() -> gateway.send(inMail("k:500")))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("HTTP 500")
          .hasMessageNotContaining("linkedin.com")
          .hasNoCause();
    }

    @Test
    void aSlowAnswerPastTheReadTimeoutIsThrownSoTheActivityRetries() {
      Duration slow = Duration.ofSeconds(3);
      provider.answerAfter(slow, 201, "{\"message_id\":\"too-late\"}");

      long started = System.nanoTime();
      assertThatThrownBy(() -> gateway.send(inMail("k:slow")))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("timeout")
          .hasNoCause();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(slow);
    }

    @Test
    void aRefusedConnectionIsThrownSoTheActivityRetries() throws IOException {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      ProviderLinkedInGateway nowhere = gateway(URI.create("http://127.0.0.1:" + closedPort));

      assertThatThrownBy(() -> nowhere.send(inMail("k:refused")))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageNotContaining("127.0.0.1");
    }
  }

  @Nested
  class OpenProfile {

    @Test
    void isReadFromTheProfileLookupWithTheProfileUrlEncoded() {
      provider.answer(200, "{\"open_profile\":true}");

      assertThat(gateway.hasOpenProfile(PROFILE)).isTrue();
      FakeProvider.Request request = provider.lastRequest();
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/api/v1/users/profile");
      assertThat(request.query())
          .isEqualTo(
              "account_id=acc-default&url=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fada-lovelace-7c1e");
    }

    @Test
    void aClosedProfileIsNotOpen() {
      provider.answer(200, "{\"open_profile\":false}");

      assertThat(gateway.hasOpenProfile(PROFILE)).isFalse();
    }

    @Test
    void anUnknownProfileIsNotOpen() {
      provider.answer(404, "{\"code\":\"not_found\"}");

      assertThat(gateway.hasOpenProfile(PROFILE)).isFalse();
    }

    @Test
    void aFailedLookupCountsAsNotOpenInsteadOfFailingTheStep() {
      provider.answer(500, "");

      assertThat(gateway.hasOpenProfile(PROFILE)).isFalse();
    }
  }

  @Nested
  class CreditBalance {

    @Test
    void isReadForTheSeatsAccount() {
      provider.answer(200, "{\"inmail_credits\":17}");

      assertThat(gateway.reportedInMailCredits("seat-emea")).contains(17);
      FakeProvider.Request request = provider.lastRequest();
      assertThat(request.method()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/api/v1/accounts/acc-emea/credits");
      assertThat(request.header("Authorization")).isEqualTo("Bearer test-token");
    }

    @Test
    void isEmptyWhereTheProviderDoesNotOfferIt() {
      provider.answer(404, "").answer(501, "").answer(200, "{\"credits\":3}");

      assertThat(gateway.reportedInMailCredits("default")).isEmpty();
      assertThat(gateway.reportedInMailCredits("default")).isEmpty();
      assertThat(gateway.reportedInMailCredits("default")).as("no inmail_credits").isEmpty();
    }

    @Test
    void aFigureThatIsNotACountIsIgnored() {
      provider.answer(200, "{\"inmail_credits\":-2}").answer(200, "{\"inmail_credits\":\"17\"}");

      assertThat(gateway.reportedInMailCredits("default")).isEmpty();
      assertThat(gateway.reportedInMailCredits("default")).isEmpty();
    }

    @Test
    void aFailedReadIsThrownWithoutTheProvidersWords() {
      provider
          .answer(503, "{\"detail\":\"down for " + PROFILE + "\"}")
          .answer(401, "{\"code\":\"bad_token\"}");

      assertThatThrownBy(() -> gateway.reportedInMailCredits("default"))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("HTTP 503")
          .hasMessageNotContaining("linkedin.com");
      assertThatThrownBy(() -> gateway.reportedInMailCredits("default"))
          .isInstanceOf(ProviderUnavailableException.class)
          .hasMessageContaining("HTTP 401");
    }
  }
}
