package io.sequor.worker.linkedin;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.enrolments.StepExecution;
import io.sequor.domain.enrolments.StepExecutionStore;
import io.sequor.domain.linkedin.InvitationStore;
import io.sequor.domain.pacing.SeatPacing;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.tasks.ManualTask;
import io.sequor.domain.tasks.ManualTaskStore;
import io.sequor.domain.templates.Templates;
import io.sequor.worker.enrolments.SendContext;
import io.sequor.worker.enrolments.SendContexts;
import io.sequor.workflows.enrolment.SendOutcome;
import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
import io.sequor.workflows.linkedin.LinkedInActivities;
import io.sequor.workflows.linkedin.TaskDeadline;
import io.sequor.workflows.sequence.Channel;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a LinkedIn step at most once, spending an InMail credit only when the recipient has no Open
 * Profile. The credit is taken before the send and given back (a release, not a refund) when the
 * provider did not send.
 */
@Component("linkedInActivities")
class LinkedInActivitiesImpl implements LinkedInActivities {

  private static final Logger log = LoggerFactory.getLogger(LinkedInActivitiesImpl.class);

  private final SendContexts contexts;
  private final StepExecutionStore executions;
  private final CreditLedger ledger;
  private final ManualTaskStore tasks;
  private final SeatPacing pacing;
  private final InvitationStore invitations;
  private final LinkedInGateway gateway;
  private final Copy copy;
  private final SequorProperties.LinkedIn settings;
  private final SequorProperties.Enrolment enrolmentSettings;
  private final SequorClock clock;
  private final ProviderCreditCheck providerCredits;

  LinkedInActivitiesImpl(
      SendContexts contexts,
      StepExecutionStore executions,
      CreditLedger ledger,
      ManualTaskStore tasks,
      SeatPacing pacing,
      InvitationStore invitations,
      LinkedInGateway gateway,
      Copy copy,
      SequorProperties properties,
      SequorClock clock,
      ProviderCreditCheck providerCredits) {
    this.contexts = contexts;
    this.executions = executions;
    this.ledger = ledger;
    this.tasks = tasks;
    this.pacing = pacing;
    this.invitations = invitations;
    this.gateway = gateway;
    this.copy = copy;
    this.settings = properties.linkedin();
    this.enrolmentSettings = properties.enrolment();
    this.clock = clock;
    this.providerCredits = providerCredits;
  }

  @Override
  public SendResult sendLinkedIn(SendRequest request) {
    Optional<StepExecution> earlier = executions.find(request.idempotencyKey());
    if (earlier.isPresent() && earlier.get().status() != StepExecution.Status.SENDING) {
      return settle(earlier.get());
    }
    SendContext context = contexts.load(request);
    if (context.holdReason().isPresent()) {
      return result(SendOutcome.SKIPPED, context.holdReason().get());
    }
    String profile = context.prospect().linkedinUrl();
    if (profile == null) {
      return result(SendOutcome.SKIPPED, "prospect has no LinkedIn profile URL");
    }
    Optional<Instant> backingOff = pacing.backingOffUntil(context.enrolment().seatId());
    if (backingOff.isPresent() && request.channel() != Channel.MANUAL_TASK) {
      pacing.release(UUID.fromString(request.enrolmentId()), slotKey(request));
      return new SendResult(
          SendOutcome.DEFERRED,
          null,
          false,
          clock.now(),
          "seat is backing off until " + backingOff.get(),
          backingOff.get());
    }
    Copy.Rendered rendered;
    try {
      rendered = copy.render(context.step(), request.channel(), context.prospect());
    } catch (Templates.MissingValueException e) {
      return result(SendOutcome.FAILED, e.getMessage());
    }
    if (request.channel() == Channel.LINKEDIN_CONNECT
        && ledger.seat(context.enrolment().seatId()).freeAccount()
        && rendered.body().length() > copy.freeAccountNoteLimit()) {
      return result(
          SendOutcome.FAILED,
          "connection note is "
              + rendered.body().length()
              + " characters; free-account seats allow "
              + copy.freeAccountNoteLimit());
    }
    UUID enrolmentId = UUID.fromString(request.enrolmentId());
    String key = request.idempotencyKey();
    if (request.channel() == Channel.LINKEDIN_CONNECT) {
      Optional<Instant> banned =
          invitations.blockedUntil(
              context.enrolment().seatId(), profile, settings.reinviteWait(), clock.now());
      if (banned.isPresent()) {
        pacing.release(enrolmentId, slotKey(request));
        return result(
            SendOutcome.SKIPPED,
            "an earlier invitation from this seat was withdrawn; LinkedIn allows inviting"
                + " this person again from "
                + banned.get());
      }
    }
    boolean manual =
        request.channel() == Channel.MANUAL_TASK || byHand(context.enrolment().seatId());
    // Asked before the claim: a failing lookup must leave nothing behind that looks like a send.
    boolean paid =
        !manual
            && request.channel().spendsCredit()
            && !context.prospect().openProfile()
            && !gateway.hasOpenProfile(profile);
    StepExecutionStore.Claim claim =
        executions.claim(
            key,
            enrolmentId,
            request.stepKey(),
            request.channel(),
            null,
            request.plannedAt(),
            clock.now());
    if (claim.token().isEmpty()) {
      return settle(claim.holder());
    }
    UUID token = claim.token().get();
    String seat = context.enrolment().seatId();
    if (manual) {
      Instant now = clock.now();
      ManualTask task =
          tasks.open(
              enrolmentId,
              request.stepKey(),
              seat,
              request.channel(),
              rendered.subject(),
              rendered.body(),
              profile,
              now,
              now.plus(enrolmentSettings.manualTaskWindow()));
      executions.finish(key, StepExecution.Status.TASK_OPEN, null, false, false, null, now);
      return taskOpen(task, "task opened for a rep");
    }
    try {
      if (paid && !ledger.consume(seat, enrolmentId, request.stepKey())) {
        return outOfCredits(key, token, seat, "seat " + seat + " has no InMail credit left");
      }
      if (!executions.handOver(key, token)) {
        giveBack(paid, enrolmentId, request.stepKey());
        throw new IllegalStateException(
            "another attempt took this send over; this one sent nothing");
      }
    } catch (RuntimeException beforeHandOver) {
      executions.release(key, token);
      throw beforeHandOver;
    }
    LinkedInResult sent;
    try {
      sent =
          gateway.send(
              new LinkedInMessage(
                  seat, profile, request.channel(), rendered.subject(), rendered.body(), key));
    } catch (RuntimeException e) {
      giveBack(paid, enrolmentId, request.stepKey());
      executions.release(key, token);
      throw e;
    }
    Instant now = clock.now();
    switch (sent.kind()) {
      case SENT -> {
        String detail = paid ? "1 InMail credit spent" : freeDetail(request.channel());
        executions.finish(
            key, StepExecution.Status.SENT, sent.providerMessageId(), paid, false, detail, now);
        pacing.markUsed(enrolmentId, slotKey(request));
        if (request.channel() == Channel.LINKEDIN_CONNECT) {
          invitations.sent(
              enrolmentId, slotKey(request), seat, profile, sent.providerMessageId(), now);
        }
        log.info("enrolment {} step {}: LinkedIn sent", request.enrolmentId(), request.stepKey());
        if (paid) {
          providerCredits.afterInMail(seat);
        }
        return new SendResult(SendOutcome.SENT, sent.providerMessageId(), paid, now, detail);
      }
      case OUT_OF_CREDITS, RECIPIENT_BLOCKS_INMAIL -> {
        giveBack(paid, enrolmentId, request.stepKey());
        executions.finish(
            key, StepExecution.Status.SKIPPED, null, false, false, sent.detail(), now);
        if (sent.kind() == LinkedInResult.Kind.OUT_OF_CREDITS) {
          providerCredits.afterInMail(seat);
        }
        return result(
            sent.kind() == LinkedInResult.Kind.OUT_OF_CREDITS
                ? SendOutcome.OUT_OF_CREDITS
                : SendOutcome.RECIPIENT_BLOCKS_INMAIL,
            sent.detail());
      }
      case RATE_LIMITED -> {
        // A restriction is the seat's, not the step's: the seat pauses and this step moves.
        giveBack(paid, enrolmentId, request.stepKey());
        executions.release(key, token);
        Instant until = pacing.backOff(seat, sent.retryAfter());
        pacing.release(enrolmentId, slotKey(request));
        log.warn("seat {} is rate limited; backing off until {}", seat, until);
        return new SendResult(
            SendOutcome.DEFERRED,
            null,
            false,
            clock.now(),
            "the provider rate limited the seat; backing off until " + until,
            until);
      }
      default -> {
        giveBack(paid, enrolmentId, request.stepKey());
        executions.finish(key, StepExecution.Status.FAILED, null, false, false, sent.detail(), now);
        return result(SendOutcome.FAILED, sent.detail());
      }
    }
  }

  @Override
  public Instant bookSlot(SendRequest request) {
    SendContext context = contexts.load(request);
    Instant notBefore = request.plannedAt() == null ? clock.now() : request.plannedAt();
    return pacing.book(
        context.enrolment().seatId(),
        request.channel(),
        UUID.fromString(request.enrolmentId()),
        slotKey(request),
        notBefore);
  }

  @Override
  public void releaseSlot(SendRequest request) {
    pacing.release(UUID.fromString(request.enrolmentId()), slotKey(request));
  }

  /** A fallback action books its own slot, apart from the InMail it replaces. */
  private static String slotKey(SendRequest request) {
    return request.idempotencyKey().substring(request.enrolmentId().length() + 1);
  }

  @Override
  public SendResult confirmManualSend(SendRequest request) {
    UUID enrolmentId = UUID.fromString(request.enrolmentId());
    StepExecution execution = executions.find(request.idempotencyKey()).orElseThrow();
    if (execution.status() != StepExecution.Status.TASK_OPEN) {
      return settle(execution);
    }
    ManualTask task = tasks.find(enrolmentId, request.stepKey()).orElseThrow();
    Instant at = task.completedAt() == null ? clock.now() : task.completedAt();
    if (task.status() != ManualTask.Status.SENT) {
      String detail = "rep reported the task " + task.status() + note(task);
      executions.finish(
          request.idempotencyKey(), StepExecution.Status.FAILED, null, false, false, detail, at);
      return new SendResult(SendOutcome.FAILED, null, false, at, detail);
    }
    SendContext context = contexts.load(request);
    boolean paid = request.channel().spendsCredit() && !context.prospect().openProfile();
    String detail = "sent by a rep";
    if (paid) {
      // The rep already sent it; record the credit even if the ledger thought the seat was empty.
      detail =
          ledger.consume(context.enrolment().seatId(), enrolmentId, request.stepKey())
              ? "sent by a rep; 1 InMail credit spent"
              : "sent by a rep; the ledger had no credit left for this seat";
    }
    executions.finish(
        request.idempotencyKey(),
        StepExecution.Status.SENT,
        task.providerMessageId(),
        paid,
        false,
        detail,
        at);
    if (request.channel() == Channel.LINKEDIN_CONNECT) {
      invitations.sent(
          enrolmentId,
          slotKey(request),
          context.enrolment().seatId(),
          task.profileUrl(),
          task.providerMessageId(),
          at);
    }
    return new SendResult(SendOutcome.SENT, task.providerMessageId(), paid, at, detail);
  }

  @Override
  public void cancelManualTask(SendRequest request, String reason) {
    Instant now = clock.now();
    tasks.cancel(UUID.fromString(request.enrolmentId()), request.stepKey(), reason, now);
    executions.finish(
        request.idempotencyKey(), StepExecution.Status.SKIPPED, null, false, false, reason, now);
  }

  /**
   * The task's window passed. A task the rep completed meanwhile is read as done; otherwise the
   * configured rule pushes it one window on (at most {@code manual-task-max-pushes} times) or
   * cancels it. Each decision is a conditional update, so a repeat of this activity or a rep
   * completing the task at the same moment never yields two answers.
   */
  @Override
  public TaskDeadline manualTaskOverdue(SendRequest request) {
    UUID enrolmentId = UUID.fromString(request.enrolmentId());
    ManualTask task = tasks.find(enrolmentId, request.stepKey()).orElseThrow();
    Instant now = clock.now();
    if (task.status() == ManualTask.Status.OPEN
        && enrolmentSettings.manualTaskMissed() == SequorProperties.Enrolment.MissedTask.NEXT_WINDOW
        && task.pushes() < enrolmentSettings.manualTaskMaxPushes()) {
      Instant due = later(now, task.dueAt()).plus(enrolmentSettings.manualTaskWindow());
      if (tasks.push(enrolmentId, request.stepKey(), task.pushes(), due)) {
        log.info(
            "enrolment {} step {}: task window passed, pushed to {}",
            request.enrolmentId(),
            request.stepKey(),
            due);
        return new TaskDeadline(TaskDeadline.Outcome.PUSHED, due, null);
      }
      task = tasks.find(enrolmentId, request.stepKey()).orElseThrow();
      if (task.status() == ManualTask.Status.OPEN) {
        // Pushed by an earlier attempt of this activity: answer what it decided.
        return new TaskDeadline(TaskDeadline.Outcome.PUSHED, task.dueAt(), null);
      }
    }
    if (task.status() == ManualTask.Status.OPEN) {
      String reason =
          task.pushes() == 0
              ? "task window passed"
              : "task window passed " + (task.pushes() + 1) + " times";
      if (tasks.cancel(enrolmentId, request.stepKey(), reason, now)) {
        executions.finish(
            request.idempotencyKey(),
            StepExecution.Status.SKIPPED,
            null,
            false,
            false,
            reason,
            now);
        return new TaskDeadline(TaskDeadline.Outcome.CANCELLED, null, reason);
      }
      task = tasks.find(enrolmentId, request.stepKey()).orElseThrow();
    }
    if (task.status() == ManualTask.Status.CANCELLED) {
      executions.finish(
          request.idempotencyKey(),
          StepExecution.Status.SKIPPED,
          null,
          false,
          false,
          task.note(),
          now);
      return new TaskDeadline(TaskDeadline.Outcome.CANCELLED, null, task.note());
    }
    return new TaskDeadline(TaskDeadline.Outcome.DONE, null, null);
  }

  /**
   * Withdraws an unanswered connection request and records when, which starts LinkedIn's wait
   * before this seat may invite the person again. With the manual gateway a rep is asked to do it:
   * a task is opened and the wait counts from then.
   */
  @Override
  public SendResult withdrawInvitation(SendRequest connect) {
    UUID enrolmentId = UUID.fromString(connect.enrolmentId());
    String sendKey = slotKey(connect);
    Optional<InvitationStore.Invitation> found = invitations.find(enrolmentId, sendKey);
    if (found.isEmpty()) {
      return result(SendOutcome.SKIPPED, "no invitation was recorded for this step");
    }
    InvitationStore.Invitation invitation = found.get();
    if (invitation.withdrawnAt() != null) {
      return withdrawnResult(invitation.withdrawnAt());
    }
    Instant now = clock.now();
    if (byHand(invitation.seatId())) {
      tasks.open(
          enrolmentId,
          sendKey + ":withdraw",
          invitation.seatId(),
          Channel.LINKEDIN_CONNECT,
          "Withdraw the invitation",
          "Withdraw your pending invitation to this person: it went unanswered since "
              + invitation.sentAt()
              + ".",
          invitation.profileUrl(),
          now,
          now.plus(enrolmentSettings.manualTaskWindow()));
      invitations.withdrawn(enrolmentId, sendKey, now);
      return new SendResult(
          SendOutcome.SENT, null, false, now, "a rep was asked to withdraw the invitation");
    }
    if (!gateway.withdrawInvitation(
        invitation.seatId(), invitation.profileUrl(), invitation.invitationId())) {
      return result(SendOutcome.SKIPPED, "no invitation was pending any more");
    }
    invitations.withdrawn(enrolmentId, sendKey, now);
    log.info("enrolment {}: unanswered invitation withdrawn", connect.enrolmentId());
    return withdrawnResult(now);
  }

  /** Whether a rep sends this seat's actions: the seat says so, or the gateway is manual. */
  private boolean byHand(String seatId) {
    return settings.gateway() == SequorProperties.LinkedIn.Gateway.MANUAL
        || ledger.seat(seatId).manual();
  }

  private SendResult withdrawnResult(Instant at) {
    return new SendResult(
        SendOutcome.SENT,
        null,
        false,
        at,
        "withdrawn; this seat may invite the person again from "
            + at.plus(settings.reinviteWait()));
  }

  private SendResult taskOpen(ManualTask task, String detail) {
    return new SendResult(SendOutcome.TASK_CREATED, null, false, clock.now(), detail, task.dueAt());
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  private SendResult settle(StepExecution earlier) {
    return switch (earlier.status()) {
      case SENT ->
          new SendResult(
              SendOutcome.SENT,
              earlier.messageId(),
              earlier.creditSpent(),
              earlier.finishedAt(),
              earlier.detail());
      case HANDING_OVER, SENDING -> {
        boolean paid = ledger.tally(earlier.enrolmentId(), earlier.stepKey()) > 0;
        String detail =
            "an earlier attempt was interrupted after calling the provider;"
                + " assumed sent rather than risk a duplicate";
        Instant at = clock.now();
        executions.finish(
            earlier.idempotencyKey(), StepExecution.Status.SENT, null, paid, true, detail, at);
        yield new SendResult(SendOutcome.SENT, earlier.messageId(), paid, at, detail);
      }
      case TASK_OPEN ->
          tasks
              .find(earlier.enrolmentId(), earlier.stepKey())
              .map(task -> taskOpen(task, "task already open"))
              .orElseGet(() -> result(SendOutcome.TASK_CREATED, "task already open"));
      case SKIPPED -> result(SendOutcome.SKIPPED, earlier.detail());
      case FAILED -> result(SendOutcome.FAILED, earlier.detail());
    };
  }

  /**
   * Nothing went out, so the claim is dropped: the workflow may try this same InMail again once the
   * seat has credits, or send the step another way under its own key.
   */
  private SendResult outOfCredits(String key, UUID token, String seat, String detail) {
    executions.release(key, token);
    return new SendResult(
        SendOutcome.OUT_OF_CREDITS,
        null,
        false,
        clock.now(),
        detail,
        ledger.nextCreditsAt(seat).orElse(null));
  }

  private void giveBack(boolean paid, UUID enrolmentId, String stepKey) {
    if (paid) {
      ledger.release(enrolmentId, stepKey);
    }
  }

  private static String freeDetail(Channel channel) {
    return channel.spendsCredit() ? "Open Profile: no credit spent" : null;
  }

  private static String note(ManualTask task) {
    return task.note() == null ? "" : ": " + task.note();
  }

  private SendResult result(SendOutcome outcome, String detail) {
    return new SendResult(outcome, null, false, clock.now(), detail);
  }
}
