package io.sequor.domain.config;

import io.sequor.workflows.enrolment.EnrolmentSettings;
import io.sequor.workflows.webhooks.WebhookSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Every setting an operator may change. Documented in docs/configuration.md. */
@Validated
@ConfigurationProperties("sequor")
public record SequorProperties(
    @DefaultValue("false") boolean loadExampleSequence,
    @NotBlank
        @Pattern(
            regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?",
            message =
                "must be an http(s) URL without query or fragment, like https://sequor.example.com")
        @DefaultValue("http://localhost:8080")
        String publicUrl,
    @Valid @NotNull @DefaultValue Enrolment enrolment,
    @Valid @NotNull @DefaultValue Limits limits,
    @Valid @NotNull @DefaultValue Mail mail,
    @Valid @NotNull @DefaultValue LinkedIn linkedin,
    @Valid @NotNull @DefaultValue Inbound inbound,
    @Valid @NotNull @DefaultValue Campaigns campaigns,
    @Valid @NotNull @DefaultValue Prospects prospects,
    @Valid @NotNull @DefaultValue Webhooks webhooks,
    @Valid @NotNull @DefaultValue Api api) {

  /** The timing rules snapshotted into every new enrolment. */
  public EnrolmentSettings enrolmentSettings() {
    return new EnrolmentSettings(
        enrolment.outOfOfficePause(),
        enrolment.resumeGap(),
        enrolment.refundWindow(),
        enrolment.refundOnAnyChannel(),
        enrolment.manualTaskWindow(),
        linkedin.invitationWithdrawAfter());
  }

  /**
   * Timing rules for enrolments.
   *
   * @param manualTaskMissed what happens to a manual task nobody did within its window
   * @param manualTaskMaxPushes with {@code NEXT_WINDOW}: how many later windows a task gets before
   *     it is skipped after all
   */
  public record Enrolment(
      @NotNull @DefaultValue("P7D") Duration outOfOfficePause,
      @NotNull @DefaultValue("P1D") Duration resumeGap,
      @NotNull @DefaultValue("P90D") Duration refundWindow,
      @DefaultValue("true") boolean refundOnAnyChannel,
      @NotNull @DefaultValue("P2D") Duration manualTaskWindow,
      @NotNull @DefaultValue("SKIP") MissedTask manualTaskMissed,
      @Min(0) @DefaultValue("3") int manualTaskMaxPushes) {

    public enum MissedTask {
      /** The task is cancelled and the step skipped; the sequence goes on. */
      SKIP,
      /** The task stays open for another window, up to {@code manual-task-max-pushes} times. */
      NEXT_WINDOW
    }
  }

  /** Channel limits checked when a sequence is saved and again when copy is rendered. */
  public record Limits(
      @Min(1) @DefaultValue("200") int inMailSubject,
      @Min(1) @DefaultValue("1900") int inMailBody,
      @Min(1) @DefaultValue("300") int connectionNote,
      @Min(1) @DefaultValue("200") int connectionNoteFreeAccount,
      @Min(1) @DefaultValue("400") int inMailBodyAdvised,
      @Min(1) @DefaultValue("120") int wordsAdvised,
      @Min(1) @DefaultValue("1") int questionsAdvised) {}

  /**
   * Outbound email.
   *
   * @param unsubscribeSecret the key that signs unsubscribe links; the embedded runtime makes one
   *     when none is set
   * @param unsubscribeSuppressesDomain whether an unsubscribe link suppresses the address's whole
   *     domain, not only the address
   * @param onSuppressed what a new enrolment of a suppressed address does
   */
  public record Mail(
      @NotBlank @Email @DefaultValue("outreach@sequor.local") String from,
      @NotBlank @DefaultValue("sequor.local") String messageIdDomain,
      @NotBlank(message = "must be set (SEQUOR_UNSUBSCRIBE_SECRET): it signs unsubscribe links")
          @Size(min = 32, message = "must be at least 32 characters")
          @DefaultValue("")
          String unsubscribeSecret,
      @DefaultValue("false") boolean unsubscribeSuppressesDomain,
      @NotNull @DefaultValue("SKIP_EMAIL") OnSuppressed onSuppressed) {

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
      return "Mail[from=%s, messageIdDomain=%s, unsubscribeSecret=<hidden>, unsubscribeSuppressesDomain=%s, onSuppressed=%s]"
          .formatted(from, messageIdDomain, unsubscribeSuppressesDomain, onSuppressed);
    }

    public enum OnSuppressed {
      /** The enrolment is refused with a 409 naming {@code prospect.email}. */
      REFUSE,
      /** The enrolment goes ahead; its email steps are skipped, LinkedIn steps go out. */
      SKIP_EMAIL
    }
  }

  /**
   * LinkedIn sending, seats and their plans.
   *
   * @param invitationWithdrawAfter a connection request still unanswered this long after it was
   *     sent is withdrawn; zero keeps invitations pending
   * @param reinviteWait after a withdrawal, how long LinkedIn forbids inviting the same person from
   *     the same seat again
   */
  public record LinkedIn(
      @NotNull @DefaultValue("SANDBOX") Gateway gateway,
      @NotBlank @DefaultValue("default") String defaultSeat,
      @NotBlank @DefaultValue("sales-navigator-core") String defaultSeatPlan,
      @NotNull @DefaultValue Map<String, @Valid Plan> plans,
      @NotNull @DefaultValue("P90D") Duration creditLifetime,
      @NotNull @DefaultValue("P14D") Duration invitationWithdrawAfter,
      @NotNull @DefaultValue("P21D") Duration reinviteWait,
      @NotNull @DefaultValue List<String> sandboxOpenProfiles,
      @NotNull @DefaultValue List<String> sandboxBlockingProfiles) {

    /** The plan, or empty when no plan of that name is configured. */
    public Optional<Plan> plan(String name) {
      return Optional.ofNullable(plans.get(name));
    }

    /**
     * A LinkedIn subscription's InMail economics.
     *
     * @param cap the most credits a seat can hold; absent where LinkedIn publishes none
     * @param creditPrice what one extra credit costs, where extra credits can be bought
     * @param costPerCredit what one credit is worth in money figures (allotment price / credits)
     */
    public record Plan(
        @Min(0) int monthlyCredits,
        @Min(0) Integer cap,
        boolean creditsPurchasable,
        @DecimalMin("0") BigDecimal creditPrice,
        @NotNull @DecimalMin("0") BigDecimal costPerCredit) {

      /** Room under the cap for a seat holding {@code balance} credits. */
      public int room(int balance) {
        return cap == null ? Integer.MAX_VALUE : Math.max(0, cap - balance);
      }
    }

    public enum Gateway {
      /** Simulates delivery; for the embedded runtime and demos. */
      SANDBOX,
      /** A rep sends each step by hand from a task and marks it done through the API. */
      MANUAL,
      /** Sends through an account-automation provider's HTTP API; see docs/linkedin-provider.md. */
      PROVIDER
    }
  }

  /**
   * Reading replies: IMAP polling of the sender mailboxes and the inbound-email webhook.
   *
   * @param pollInterval how soon a mailbox is read again after a poll that found mail
   * @param maxPollInterval polls that find nothing space out, doubling up to this
   * @param idle hold an IMAP IDLE connection per mailbox, where the server supports it, so new mail
   *     wakes its poller at once
   * @param batchSize the most messages one poll reads
   * @param webhookSecret HMAC key of the inbound-email webhook; the webhook refuses every call
   *     without one
   * @param calendarWebhookSecret HMAC key of the calendar tool's meeting webhook; the webhook
   *     refuses every call without one
   */
  public record Inbound(
      @NotNull @DefaultValue("PT30S") Duration pollInterval,
      @NotNull @DefaultValue("PT15M") Duration maxPollInterval,
      @DefaultValue("true") boolean idle,
      @Min(1) @DefaultValue("200") int batchSize,
      String webhookSecret,
      String calendarWebhookSecret) {}

  /**
   * Campaign launches.
   *
   * @param pageSize how many prospects one launch page enrols (a campaign may choose its own)
   * @param pageInterval the pause between two pages, which paces a launch (a campaign may choose
   *     its own)
   * @param watchInterval how often a launched campaign checks whether all its enrolments ended
   */
  public record Campaigns(
      @Min(1) @DefaultValue("100") int pageSize,
      @NotNull @DefaultValue("PT0.2S") Duration pageInterval,
      @NotNull @DefaultValue("PT6H") Duration watchInterval) {}

  /**
   * Prospect imports.
   *
   * @param importBatchSize rows upserted per transaction in a CSV import; each batch commits (and
   *     shows in the import's counts) on its own
   */
  public record Prospects(@Min(1) @Max(10000) @DefaultValue("500") int importBatchSize) {}

  /**
   * Outbound webhooks: how deliveries retry and give up, and which URLs a subscription may use.
   *
   * @param maxAttempts attempts per event before the subscription is disabled; 0 for no limit
   * @param giveUpAfter time after an event's first attempt when the subscription is disabled
   * @param allowHttp accept plain-http URLs for any host, not only localhost (for private networks)
   * @param allowPrivateAddresses deliver to hosts that resolve to loopback, private or link-local
   *     addresses (off by default: a subscription URL must not reach inside the network)
   */
  public record Webhooks(
      @NotNull @DefaultValue("PT10S") Duration initialInterval,
      @DecimalMin("1.0") @DefaultValue("2.0") double backoffCoefficient,
      @NotNull @DefaultValue("PT1H") Duration maxInterval,
      @Min(0) @DefaultValue("0") int maxAttempts,
      @NotNull @DefaultValue("P3D") Duration giveUpAfter,
      @NotNull @DefaultValue("PT10S") Duration requestTimeout,
      @NotNull @DefaultValue("PT1M") Duration pollInterval,
      @Min(1) @DefaultValue("100") int batchSize,
      @DefaultValue("false") boolean allowHttp,
      @DefaultValue("false") boolean allowPrivateAddresses) {

    /** The part a delivery workflow snapshots. */
    public WebhookSettings settings() {
      return new WebhookSettings(
          initialInterval,
          backoffCoefficient,
          maxInterval,
          maxAttempts,
          giveUpAfter,
          requestTimeout,
          pollInterval,
          batchSize);
    }
  }

  /**
   * The REST API's keys and rate limit.
   *
   * @param bootstrapKey the default workspace's first ADMIN key, stored (hashed) at start when that
   *     workspace has no live key; the embedded runtime makes one in {@code .sequor/api-key} when
   *     it is not set
   */
  public record Api(
      @Pattern(regexp = "|\\S{24,200}", message = "must be 24 to 200 characters without spaces")
          String bootstrapKey,
      @Valid @NotNull @DefaultValue RateLimit rateLimit) {

    /**
     * Requests each key may make, refilled steadily; a burst spends the bucket at once. Counted per
     * API process.
     */
    public record RateLimit(
        @Min(1) @DefaultValue("50") int requestsPerSecond,
        @Min(1) @DefaultValue("200") int burst) {}
  }
}
