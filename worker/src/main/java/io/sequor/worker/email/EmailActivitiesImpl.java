package io.sequor.worker.email;

import io.sequor.domain.addresses.EmailVerdicts;
import io.sequor.domain.addresses.Verdict;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.enrolments.EmailThreads;
import io.sequor.domain.enrolments.StepExecution;
import io.sequor.domain.enrolments.StepExecutionStore;
import io.sequor.domain.mailboxes.Mailbox;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.pacing.MailboxSlots;
import io.sequor.domain.secrets.SecretException;
import io.sequor.domain.templates.Templates;
import io.sequor.worker.enrolments.SendContext;
import io.sequor.worker.enrolments.SendContexts;
import io.sequor.workflows.email.EmailActivities;
import io.sequor.workflows.email.EmailSlot;
import io.sequor.workflows.enrolment.SendOutcome;
import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends an email step at most once. The step is claimed in the store under its idempotency key
 * before the message is handed to SMTP; a claim found on a retry means the earlier attempt may have
 * delivered, so it is recorded as sent (outcome uncertain) instead of sent again.
 */
@Component("emailActivities")
class EmailActivitiesImpl implements EmailActivities {

  private static final Logger log = LoggerFactory.getLogger(EmailActivitiesImpl.class);

  /** How long an email waits before asking a disabled mailbox again. */
  private static final Duration HOLD = Duration.ofHours(1);

  private final SendContexts contexts;
  private final StepExecutionStore executions;
  private final EmailGateway gateway;
  private final EmailComposer composer;
  private final EmailThreads threads;
  private final SequorProperties.Mail mail;
  private final SequorClock clock;
  private final MailboxStore mailboxes;
  private final MailboxSlots slots;
  private final EmailVerdicts verdicts;

  EmailActivitiesImpl(
      SendContexts contexts,
      StepExecutionStore executions,
      EmailGateway gateway,
      EmailComposer composer,
      EmailThreads threads,
      SequorProperties properties,
      SequorClock clock,
      MailboxStore mailboxes,
      MailboxSlots slots,
      EmailVerdicts verdicts) {
    this.contexts = contexts;
    this.executions = executions;
    this.gateway = gateway;
    this.composer = composer;
    this.threads = threads;
    this.mail = properties.mail();
    this.clock = clock;
    this.mailboxes = mailboxes;
    this.slots = slots;
    this.verdicts = verdicts;
  }

  @Override
  public SendResult sendEmail(SendRequest request) {
    Optional<StepExecution> earlier = executions.find(request.idempotencyKey());
    if (earlier.isPresent() && earlier.get().status() != StepExecution.Status.SENDING) {
      return settle(earlier.get());
    }
    SendContext context = contexts.load(request);
    if (context.holdReason().isPresent()) {
      return result(SendOutcome.SKIPPED, null, context.holdReason().get());
    }
    if (context.prospect().email() == null) {
      return result(SendOutcome.SKIPPED, null, "prospect has no email address");
    }
    if (context.prospect().emailUndeliverable()) {
      String why =
          verdicts
              .find(context.prospect().id())
              .filter(v -> v.verdict() == Verdict.INVALID)
              .map(v -> ": failed verification, " + v.reasons().get(0).text())
              .orElse("");
      return result(SendOutcome.INVALID_ADDRESS, null, "email address is undeliverable" + why);
    }
    Mailbox mailbox = mailboxes.get(MailboxStore.mailboxOf(context.enrolment()));
    if (!mailbox.enabled()) {
      slots.release(UUID.fromString(request.enrolmentId()), slotKey(request));
      return result(SendOutcome.DEFERRED, null, "mailbox '" + mailbox.id() + "' is disabled");
    }
    Optional<String> unreadable = unreadablePassword(mailbox);
    if (unreadable.isPresent()) {
      return result(SendOutcome.FAILED, null, unreadable.get());
    }
    String messageId =
        "<" + request.enrolmentId() + "." + request.stepKey() + "@" + mail.messageIdDomain() + ">";
    OutboundEmail email;
    try {
      email = composer.compose(context, messageId, mailbox.fromAddress());
    } catch (Templates.MissingValueException e) {
      return result(SendOutcome.FAILED, null, e.getMessage());
    }
    Instant now = clock.now();
    StepExecutionStore.Claim claim =
        executions.claim(
            request.idempotencyKey(),
            UUID.fromString(request.enrolmentId()),
            request.stepKey(),
            request.channel(),
            messageId,
            request.plannedAt(),
            now);
    if (claim.token().isEmpty()) {
      return settle(claim.holder());
    }
    UUID token = claim.token().get();
    threads.recordSubject(request.idempotencyKey(), email.subject());
    if (!executions.handOver(request.idempotencyKey(), token)) {
      throw new IllegalStateException("another attempt took this send over; this one sent nothing");
    }
    try {
      gateway.send(mailbox, email);
    } catch (EmailRejectedException e) {
      if (e.permanent()) {
        executions.finish(
            request.idempotencyKey(),
            StepExecution.Status.FAILED,
            null,
            false,
            false,
            e.getMessage(),
            clock.now());
        return result(SendOutcome.INVALID_ADDRESS, null, e.getMessage());
      }
      executions.release(request.idempotencyKey(), token);
      throw e;
    }
    Instant sentAt = clock.now();
    executions.finish(
        request.idempotencyKey(), StepExecution.Status.SENT, messageId, false, false, null, sentAt);
    slots.markUsed(UUID.fromString(request.enrolmentId()), slotKey(request));
    log.info("enrolment {} step {}: email sent", request.enrolmentId(), request.stepKey());
    return new SendResult(SendOutcome.SENT, messageId, false, sentAt, null);
  }

  @Override
  public EmailSlot bookMailboxSlot(SendRequest request) {
    SendContext context = contexts.load(request);
    String mailboxId = MailboxStore.mailboxOf(context.enrolment());
    Instant notBefore = request.plannedAt() == null ? clock.now() : request.plannedAt();
    return slots
        .book(mailboxId, UUID.fromString(request.enrolmentId()), slotKey(request), notBefore)
        .map(EmailSlot::booked)
        .orElseGet(
            () -> {
              Instant again = clock.now().plus(HOLD);
              return EmailSlot.held(
                  again, "mailbox '" + mailboxId + "' is disabled; checking again at " + again);
            });
  }

  @Override
  public void releaseMailboxSlot(SendRequest request) {
    slots.release(UUID.fromString(request.enrolmentId()), slotKey(request));
  }

  /** An email sent in place of another step books its own slot, apart from that step's. */
  private static String slotKey(SendRequest request) {
    return request.idempotencyKey().substring(request.enrolmentId().length() + 1);
  }

  /**
   * Opened before the step is claimed: a password that cannot be read must fail the step, not leave
   * a claim behind that a retry would take for a send.
   */
  private static Optional<String> unreadablePassword(Mailbox mailbox) {
    try {
      if (mailbox.smtp().password() != null) {
        mailbox.smtp().password().reveal();
      }
      return Optional.empty();
    } catch (SecretException e) {
      return Optional.of(
          "mailbox '"
              + mailbox.id()
              + "': its SMTP password cannot be read ("
              + e.getMessage()
              + "); set it again through PUT /api/mailboxes/"
              + mailbox.id());
    }
  }

  /** Turns an earlier attempt's record into this attempt's answer, without sending. */
  private SendResult settle(StepExecution earlier) {
    return switch (earlier.status()) {
      case SENT ->
          new SendResult(
              SendOutcome.SENT, earlier.messageId(), false, earlier.finishedAt(), earlier.detail());
      case HANDING_OVER, SENDING -> {
        String detail =
            "an earlier attempt was interrupted after handing the message to the mail server;"
                + " assumed delivered rather than risk a duplicate";
        Instant at = clock.now();
        executions.finish(
            earlier.idempotencyKey(), StepExecution.Status.SENT, null, false, true, detail, at);
        log.warn("enrolment {} step {}: {}", earlier.enrolmentId(), earlier.stepKey(), detail);
        yield new SendResult(SendOutcome.SENT, earlier.messageId(), false, at, detail);
      }
      case FAILED -> result(SendOutcome.INVALID_ADDRESS, earlier.messageId(), earlier.detail());
      case SKIPPED, TASK_OPEN -> result(SendOutcome.SKIPPED, earlier.messageId(), earlier.detail());
    };
  }

  private SendResult result(SendOutcome outcome, String messageId, String detail) {
    return new SendResult(outcome, messageId, false, clock.now(), detail);
  }
}
