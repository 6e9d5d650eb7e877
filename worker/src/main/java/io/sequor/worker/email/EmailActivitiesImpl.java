package io.sequor.worker.email;

import io.sequor.domain.addresses.EmailVerdicts;
import io.sequor.domain.addresses.Verdict;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.enrolments.StepExecution;
import io.sequor.domain.enrolments.StepExecutionStore;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.templates.Templates;
import io.sequor.worker.enrolments.SendContext;
import io.sequor.worker.enrolments.SendContexts;
import io.sequor.workflows.email.EmailActivities;
import io.sequor.workflows.enrolment.SendOutcome;
import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
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

  private final SendContexts contexts;
  private final StepExecutionStore executions;
  private final EmailGateway gateway;
  private final Copy copy;
  private final SequorProperties.Mail mail;
  private final SequorClock clock;
  private final EmailVerdicts verdicts;

  EmailActivitiesImpl(
      SendContexts contexts,
      StepExecutionStore executions,
      EmailGateway gateway,
      Copy copy,
      SequorProperties properties,
      SequorClock clock,
      EmailVerdicts verdicts) {
    this.contexts = contexts;
    this.executions = executions;
    this.gateway = gateway;
    this.copy = copy;
    this.mail = properties.mail();
    this.clock = clock;
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
    Copy.Rendered rendered;
    try {
      rendered = copy.render(context.step(), context.prospect());
    } catch (Templates.MissingValueException e) {
      return result(SendOutcome.FAILED, null, e.getMessage());
    }
    String messageId =
        "<" + request.enrolmentId() + "." + request.stepKey() + "@" + mail.messageIdDomain() + ">";
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
    if (!executions.handOver(request.idempotencyKey(), token)) {
      throw new IllegalStateException("another attempt took this send over; this one sent nothing");
    }
    try {
      gateway.send(
          new OutboundEmail(
              messageId,
              mail.from(),
              context.prospect().email(),
              rendered.subject(),
              rendered.body()));
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
    log.info("enrolment {} step {}: email sent", request.enrolmentId(), request.stepKey());
    return new SendResult(SendOutcome.SENT, messageId, false, sentAt, null);
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
