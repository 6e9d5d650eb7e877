package io.sequor.worker.linkedin.provider;

import io.sequor.worker.linkedin.CreditBalanceSource;
import io.sequor.worker.linkedin.LinkedInGateway;
import io.sequor.worker.linkedin.LinkedInMessage;
import io.sequor.worker.linkedin.LinkedInResult;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Sends LinkedIn steps through an account-automation provider's HTTP API and reads what the
 * provider knows about recipients and credits. Answers become {@link LinkedInResult}s; what a retry
 * could fix (5xx, timeouts) is thrown as {@link ProviderUnavailableException} instead, so the
 * activity gives the credit back and Temporal tries again.
 *
 * <p>Nothing the provider said in prose reaches a step's detail, the logs or an exception: error
 * bodies may quote the recipient. Only the HTTP status and a code-shaped error code do.
 */
public class ProviderLinkedInGateway implements LinkedInGateway, CreditBalanceSource {

  private static final Logger log = LoggerFactory.getLogger(ProviderLinkedInGateway.class);

  static final String CHATS = "/api/v1/chats";
  static final String INVITATIONS = "/api/v1/users/invite";
  static final String PROFILE = "/api/v1/users/profile";
  static final String CREDITS = "/api/v1/accounts/{account}/credits";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Only values shaped like a machine code are echoed; anything else could be prose or PII. */
  private static final Pattern CODE = Pattern.compile("[a-z0-9_.:-]{1,64}");

  /** Ids and error codes are small; a proxy's HTML error page is not worth reading whole. */
  private static final int MAX_BODY = 64 * 1024;

  private final LinkedInProviderProperties settings;
  private final RestClient http;
  private final JsonMapper json;
  private final Clock clock;
  private final Set<String> outOfCredits;
  private final Set<String> blocksInMail;

  ProviderLinkedInGateway(LinkedInProviderProperties settings, JsonMapper json) {
    this(settings, json, Clock.systemUTC());
  }

  ProviderLinkedInGateway(LinkedInProviderProperties settings, JsonMapper json, Clock clock) {
    this.settings = settings;
    this.json = json;
    this.clock = clock;
    this.outOfCredits = lowerCase(settings.outOfCreditsCodes());
    this.blocksInMail = lowerCase(settings.blocksInMailCodes());
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            // Plain HTTP/1.1: a cleartext HTTP/2 upgrade attempt confuses some proxies.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(settings.readTimeout());
    this.http =
        RestClient.builder()
            .baseUrl(settings.baseUrl().toString())
            .requestFactory(requests)
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiToken())
            .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
            .build();
  }

  /**
   * Never throws: a failed lookup answers "not open". That can cost the seat a credit in the ledger
   * for a recipient who was open, but never sends anything twice or leaves a step half-claimed.
   */
  @Override
  public boolean hasOpenProfile(String profileUrl) {
    Answer answer;
    try {
      answer =
          exchange(
              http.get()
                  .uri(
                      PROFILE + "?account_id={account}&url={url}",
                      settings.accountId(),
                      profileUrl));
    } catch (ProviderUnavailableException e) {
      log.warn(
          "Open Profile lookup failed ({}); treating the recipient as not open", e.getMessage());
      return false;
    }
    if (answer.status().is2xxSuccessful()) {
      JsonNode open = answer.body().path("open_profile");
      return open.isBoolean() && open.booleanValue();
    }
    if (answer.status().value() != 404) {
      log.warn(
          "Open Profile lookup answered HTTP {}; treating the recipient as not open",
          answer.status().value());
    }
    return false;
  }

  @Override
  public LinkedInResult send(LinkedInMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account_id", settings.accountFor(message.seatId()));
    body.put("recipient", message.profileUrl());
    String path;
    switch (message.channel()) {
      case LINKEDIN_INMAIL -> {
        path = CHATS;
        if (message.subject() != null) {
          body.put("subject", message.subject());
        }
        body.put("text", message.body());
        body.put("linkedin", Map.of("api", settings.inMailApi(), "inmail", true));
      }
      case LINKEDIN_MESSAGE -> {
        path = CHATS;
        body.put("text", message.body());
      }
      case LINKEDIN_CONNECT -> {
        path = INVITATIONS;
        if (message.body() != null && !message.body().isBlank()) {
          body.put("message", message.body());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "the LinkedIn provider does not send " + message.channel() + " steps");
    }
    Answer answer =
        exchange(
            http.post()
                .uri(path)
                .header(IDEMPOTENCY_KEY, message.idempotencyKey())
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(body)));
    LinkedInResult result = outcome(answer, message);
    log.debug(
        "send {} ({}): provider answered HTTP {}, {}",
        message.idempotencyKey(),
        message.channel(),
        answer.status().value(),
        result.kind());
    return result;
  }

  /**
   * {@code DELETE /api/v1/users/invite/{id}}: 2xx withdrawn, 404 nothing pending. A rate limit or a
   * server error is thrown as {@link ProviderUnavailableException} for a retry; any other refusal
   * as an {@link IllegalStateException} naming only the status.
   */
  @Override
  public boolean withdrawInvitation(String seatId, String profileUrl, String invitationId) {
    if (invitationId == null) {
      log.warn("an invitation without a provider id cannot be withdrawn; it stays pending");
      return false;
    }
    Answer answer =
        exchange(
            http.delete()
                .uri(
                    INVITATIONS + "/{invitation}?account_id={account}",
                    invitationId,
                    settings.accountFor(seatId)));
    HttpStatusCode status = answer.status();
    if (status.is2xxSuccessful()) {
      return true;
    }
    if (status.value() == 404) {
      return false;
    }
    if (status.value() == 429 || status.is5xxServerError()) {
      throw new ProviderUnavailableException(
          "LinkedIn provider answered HTTP " + status.value() + " to a withdrawal");
    }
    String code = errorCode(answer.body());
    throw new IllegalStateException(
        "the provider refused the withdrawal: HTTP "
            + status.value()
            + (code == null ? "" : " (provider code " + code + ")"));
  }

  /**
   * The seat's InMail credits as the provider counts them, to reconcile with Sequor's ledger; empty
   * when the provider does not offer the figure (404, 501, or no usable {@code inmail_credits}).
   * Thrown as {@link ProviderUnavailableException} when the provider did not answer usefully.
   */
  @Override
  public Optional<Integer> reportedInMailCredits(String seatId) {
    Answer answer = exchange(http.get().uri(CREDITS, settings.accountFor(seatId)));
    HttpStatusCode status = answer.status();
    if (status.is2xxSuccessful()) {
      JsonNode credits = answer.body().path("inmail_credits");
      return credits.isIntegralNumber() && credits.canConvertToInt() && credits.intValue() >= 0
          ? Optional.of(credits.intValue())
          : Optional.empty();
    }
    if (status.value() == 404 || status.value() == 501) {
      return Optional.empty();
    }
    throw new ProviderUnavailableException(
        "LinkedIn provider answered HTTP " + status.value() + " to a credit balance read");
  }

  private LinkedInResult outcome(Answer answer, LinkedInMessage message) {
    HttpStatusCode status = answer.status();
    if (status.is2xxSuccessful()) {
      String id = firstValue(answer.body(), "message_id", "chat_id", "invitation_id");
      if (id == null) {
        log.warn(
            "send {}: the provider accepted it without an id; replies to it cannot be matched",
            message.idempotencyKey());
      }
      return LinkedInResult.sent(id);
    }
    if (status.is5xxServerError()) {
      throw new ProviderUnavailableException("LinkedIn provider answered HTTP " + status.value());
    }
    if (status.value() == 429) {
      Duration wait = retryAfter(answer.headers());
      return LinkedInResult.rateLimited(
          wait,
          wait == null
              ? "the provider is rate limiting this seat (no Retry-After given)"
              : "the provider is rate limiting this seat; retry after " + wait);
    }
    String code = errorCode(answer.body());
    String because = code == null ? "" : " (provider code " + code + ")";
    // Checked before "out of credits": providers answer 402 for both, and a blocked recipient must
    // not push the seat into the out-of-credits policy.
    if (code != null && blocksInMail.contains(code)) {
      return new LinkedInResult(
          LinkedInResult.Kind.RECIPIENT_BLOCKS_INMAIL,
          null,
          "the recipient does not accept InMail" + because);
    }
    if (status.value() == 402 || (code != null && outOfCredits.contains(code))) {
      return new LinkedInResult(
          LinkedInResult.Kind.OUT_OF_CREDITS,
          null,
          "the provider reports no InMail credit left on this seat" + because);
    }
    if (status.value() == 401 || status.value() == 403) {
      log.error(
          "LinkedIn provider refused Sequor's credentials (HTTP {}); check"
              + " sequor.linkedin.provider.api-token and account-id",
          status.value());
    }
    return new LinkedInResult(
        LinkedInResult.Kind.FAILED,
        null,
        "the provider refused the send: HTTP " + status.value() + because);
  }

  /** Seconds, or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
  private Duration retryAfter(HttpHeaders headers) {
    String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    try {
      if (trimmed.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(trimmed));
      }
      Instant at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(trimmed, Instant::from);
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (NumberFormatException | DateTimeParseException unreadable) {
      return null;
    }
  }

  private Answer exchange(RestClient.RequestHeadersSpec<?> request) {
    try {
      return request.exchange(
          (sent, response) ->
              new Answer(
                  response.getStatusCode(),
                  response.getHeaders(),
                  parse(response.getBody().readNBytes(MAX_BODY))));
    } catch (ResourceAccessException e) {
      // Not chained: the cause's message holds the request URL, which may name the recipient.
      throw new ProviderUnavailableException("LinkedIn provider did not answer: " + describe(e));
    }
  }

  private String describe(ResourceAccessException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof HttpTimeoutException) {
      return "no answer within the timeout (" + root.getClass().getSimpleName() + ")";
    }
    return root.getClass().getSimpleName();
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (JacksonException notJson) {
      return MissingNode.getInstance();
    }
  }

  /** {@code code}, {@code error.code}, or the last segment of a problem {@code type}. */
  private static String errorCode(JsonNode body) {
    String code = firstValue(body, "code");
    if (code == null) {
      code = firstValue(body.path("error"), "code");
    }
    if (code == null) {
      String type = firstValue(body, "type");
      code = type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }
    if (code == null) {
      return null;
    }
    String normalised = code.trim().toLowerCase(Locale.ROOT);
    return CODE.matcher(normalised).matches() ? normalised : null;
  }

  private static String firstValue(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.path(name);
      if ((value.isString() || value.isNumber()) && !value.asString().isBlank()) {
        return value.asString();
      }
    }
    return null;
  }

  private static Set<String> lowerCase(List<String> codes) {
    return codes.stream()
        .map(c -> c.trim().toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  private record Answer(HttpStatusCode status, HttpHeaders headers, JsonNode body) {}
}
