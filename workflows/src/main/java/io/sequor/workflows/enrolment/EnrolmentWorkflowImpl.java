package io.sequor.workflows.enrolment;

import io.sequor.workflows.credits.CreditActivities;
import io.sequor.workflows.email.EmailActivities;
import io.sequor.workflows.email.EmailSlot;
import io.sequor.workflows.linkedin.LinkedInActivities;
import io.sequor.workflows.linkedin.TaskDeadline;
import io.sequor.workflows.schedule.PlanRequest;
import io.sequor.workflows.schedule.PlannedStep;
import io.sequor.workflows.schedule.ScheduleActivities;
import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.Medium;
import io.sequor.workflows.sequence.NoCreditPolicy;
import io.sequor.workflows.sequence.StepPlan;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Runs the LinkedIn and email branches of one enrolment on one timeline.
 *
 * <p>Every step is due at {@code enrolledAt + dayOffset + shift}. A pause adds to {@code shift}
 * when it ends (see {@link #resumeNow}), so remaining steps keep their spacing. An enrolment with a
 * schedule (since version 1 of "scheduled-timing") asks the planning activity instead, from the
 * anchor {@code enrolledAt + shift}: a pause moves the anchor and the step is planned again. Signal
 * handlers only change state and queue side effects; one loop runs the queued effects in order, so
 * a response is acted on in the same workflow task it arrives in, before any further send.
 */
public class EnrolmentWorkflowImpl implements EnrolmentWorkflow {

  private static final Logger log = Workflow.getLogger(EnrolmentWorkflowImpl.class);

  /** Anything that lands in a person's inbox gets few retries. */
  private static final ActivityOptions SEND_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2)
                  .setMaximumAttempts(3)
                  .build())
          .build();

  /** Store bookkeeping is idempotent and may retry for as long as the store is down. */
  private static final ActivityOptions STORE_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .build())
          .build();

  /** A held email asks its mailbox again no sooner than this. */
  private static final Duration MIN_HOLD = Duration.ofMinutes(1);

  private final EmailActivities email =
      Workflow.newActivityStub(EmailActivities.class, SEND_OPTIONS);
  private final LinkedInActivities linkedIn =
      Workflow.newActivityStub(LinkedInActivities.class, SEND_OPTIONS);
  private final CreditActivities credits =
      Workflow.newActivityStub(CreditActivities.class, STORE_OPTIONS);
  private final EnrolmentActivities store =
      Workflow.newActivityStub(EnrolmentActivities.class, STORE_OPTIONS);
  private final ScheduleActivities planner =
      Workflow.newActivityStub(ScheduleActivities.class, STORE_OPTIONS);

  private final String enrolmentId;
  private final EnrolmentSettings settings;
  private final long enrolledAt;
  private final boolean hasSchedule;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Set<String> seenResponses = new HashSet<>();
  private final Set<String> completedTasks = new HashSet<>();
  private final Set<String> migrations = new HashSet<>();
  private final Queue<Runnable> effects = new ArrayDeque<>();
  private final List<Promise<Void>> invitations = new ArrayList<>();
  private final List<Response> refunding = new ArrayList<>();

  private EnrolmentStatus status = EnrolmentStatus.ACTIVE;
  private StopReason stopReason;
  private long shiftMillis;
  private int timelineVersion;
  private boolean paused;
  private Long pausedUntil;
  private int pauseGeneration;
  private boolean emailStopped;
  private boolean inMailBlocked;
  private boolean connected;
  private Long listeningUntil;
  private boolean finished;
  private boolean scheduledTiming;

  @WorkflowInit
  public EnrolmentWorkflowImpl(EnrolmentInput input) {
    this.enrolmentId = input.enrolmentId();
    this.settings = input.settings();
    this.enrolledAt = Workflow.currentTimeMillis();
    this.hasSchedule = input.hasSchedule();
    for (StepPlan plan : input.steps()) {
      steps.put(plan.key(), new Step(plan));
    }
  }

  @Override
  public EnrolmentState run(EnrolmentInput input) {
    scheduledTiming =
        hasSchedule
            && Workflow.getVersion("scheduled-timing", Workflow.DEFAULT_VERSION, 1)
                != Workflow.DEFAULT_VERSION;
    Promise<Void> effectLoop = Async.procedure(this::runEffects);
    Promise<Void> linkedInBranch = Async.procedure(this::runBranch, Medium.LINKEDIN);
    Promise<Void> emailBranch = Async.procedure(this::runBranch, Medium.EMAIL);
    Promise.allOf(linkedInBranch, emailBranch).get();

    if (stopReason == null) {
      changeStatus(EnrolmentStatus.LISTENING);
    }
    listenForRefunds();
    Promise.allOf(invitations).get();
    if (stopReason == null) {
      changeStatus(EnrolmentStatus.COMPLETED);
    }
    Workflow.await(() -> effects.isEmpty() && Workflow.isEveryHandlerFinished());
    finished = true;
    effectLoop.get();
    log.info("enrolment {} finished with status {}", enrolmentId, status);
    return state();
  }

  // ---- signals -------------------------------------------------------------------------------

  @Override
  public void respond(Response response) {
    if (!seenResponses.add(response.responseId())) {
      return;
    }
    if (response.kind().countsForRefund()
        || (response.kind() == ResponseKind.UNSUBSCRIBE && response.channel() == Medium.LINKEDIN)) {
      refunding.add(response);
      queueRefunds(response);
    }
    switch (response.kind()) {
      case REPLY -> halt(StopReason.REPLIED);
      case INMAIL_ACCEPTED -> halt(StopReason.INMAIL_ACCEPTED);
      case INMAIL_DECLINED -> halt(StopReason.INMAIL_DECLINED);
      case UNSUBSCRIBE -> {
        halt(StopReason.UNSUBSCRIBED);
        effects.add(() -> store.suppressProspect(enrolmentId));
      }
      case AUTO_REPLY -> pauseForOutOfOffice(response);
      case BOUNCE -> stopEmailBranch("email bounced");
      case INVITATION_ACCEPTED -> connected = true;
    }
  }

  @Override
  public void pause() {
    if (stopReason == null && !paused && status == EnrolmentStatus.ACTIVE) {
      startPause(null);
    }
  }

  @Override
  public void resume() {
    if (paused) {
      resumeNow();
    }
  }

  @Override
  public void stop() {
    halt(StopReason.STOPPED_BY_USER);
  }

  @Override
  public void stopBecause(StopReason reason) {
    halt(reason == null ? StopReason.STOPPED_BY_USER : reason);
  }

  @Override
  public void taskCompleted(String stepKey) {
    completedTasks.add(stepKey);
  }

  @Override
  public void migrate(VersionMigration migration) {
    if (!migrations.add(migration.migrationId())
        || stopReason != null
        || status == EnrolmentStatus.COMPLETED) {
      return;
    }
    effects.add(() -> applyMigration(migration));
  }

  /**
   * The store learns the new version first, so that no step of the new version is rendered from the
   * old one; then the steps not reached yet give way to the new version's.
   */
  private void applyMigration(VersionMigration migration) {
    store.recordMigration(enrolmentId, migration.migrationId(), migration.versionId());
    Map<String, Step> next = new LinkedHashMap<>();
    for (Step step : steps.values()) {
      if (step.reached || step.status.isDone()) {
        next.put(step.plan.key(), step);
      } else {
        step.superseded = true;
      }
    }
    long now = Workflow.currentTimeMillis();
    for (StepPlan plan : migration.steps()) {
      if (next.containsKey(plan.key())) {
        continue; // sent, or being sent, under this key: never again
      }
      Step step = new Step(plan);
      if (dueAt(step) < now) {
        step.plannedAt = dueAt(step);
        step.finish(
            StepStatus.SKIPPED,
            "its day had passed when the enrolment moved to version " + migration.version());
      }
      next.put(plan.key(), step);
    }
    steps.clear();
    steps.putAll(next);
    timelineVersion++;
    log.info("enrolment {} moved to version {}", enrolmentId, migration.version());
  }

  @Override
  public EnrolmentState state() {
    List<StepState> stepStates = new ArrayList<>();
    int spent = 0;
    int refunded = 0;
    for (Step step : steps.values()) {
      stepStates.add(step.toState());
      spent += step.creditSpent ? 1 : 0;
      refunded += step.refunded ? 1 : 0;
    }
    return new EnrolmentState(
        enrolmentId,
        status,
        stopReason,
        Instant.ofEpochMilli(enrolledAt),
        paused && pausedUntil != null ? Instant.ofEpochMilli(pausedUntil) : null,
        emailStopped,
        stepStates,
        spent,
        refunded,
        listeningUntil == null ? null : Instant.ofEpochMilli(listeningUntil));
  }

  // ---- branches ------------------------------------------------------------------------------

  /**
   * Sends the medium's steps in order. The next step is looked up afresh each time, so a migration
   * to another version can replace the steps not reached yet; without one the order is the plan's.
   */
  private void runBranch(Medium medium) {
    Step step;
    while ((step = nextStep(medium)) != null) {
      if (!waitUntilDue(step, medium)) {
        break;
      }
      if (step.superseded) {
        continue;
      }
      step.reached = true;
      send(step);
    }
    cancelPending(medium);
  }

  private Step nextStep(Medium medium) {
    for (Step step : steps.values()) {
      if (step.plan.channel().medium() == medium && !step.reached && !step.status.isDone()) {
        return step;
      }
    }
    return null;
  }

  private boolean halted(Medium medium) {
    return stopReason != null || (medium == Medium.EMAIL && emailStopped);
  }

  /** Waits until the step is due; false when the branch must stop instead. */
  private boolean waitUntilDue(Step step, Medium medium) {
    while (true) {
      if (halted(medium)) {
        return false;
      }
      if (paused) {
        waitOutPause(medium);
        continue;
      }
      if (step.superseded) {
        return true;
      }
      long due = dueOf(step);
      long now = Workflow.currentTimeMillis();
      if (now >= due) {
        return true;
      }
      int version = timelineVersion;
      Workflow.await(
          Duration.ofMillis(due - now),
          () -> halted(medium) || paused || timelineVersion != version);
    }
  }

  private void waitOutPause(Medium medium) {
    int generation = pauseGeneration;
    if (pausedUntil == null) {
      Workflow.await(() -> !paused || halted(medium));
      return;
    }
    long remaining = pausedUntil - Workflow.currentTimeMillis();
    if (remaining > 0) {
      Workflow.await(
          Duration.ofMillis(remaining),
          () -> !paused || halted(medium) || pauseGeneration != generation);
    }
    if (paused && pauseGeneration == generation && Workflow.currentTimeMillis() >= pausedUntil) {
      resumeNow();
    }
  }

  private void send(Step step) {
    Channel channel = step.plan.channel();
    step.status = StepStatus.SENDING;
    step.plannedAt = dueOf(step);
    SendRequest request =
        SendRequest.of(enrolmentId, step.plan.key(), channel, Instant.ofEpochMilli(step.plannedAt));
    try {
      if (channel == Channel.LINKEDIN_INMAIL && connected) {
        // Connected prospects take regular messages, which cost no credit.
        step.route = Route.MESSAGE_INSTEAD;
        SendResult sent = sendOnLinkedIn(step, request.as(Channel.LINKEDIN_MESSAGE, "message"));
        apply(
            step,
            sent.outcome() == SendOutcome.SENT
                ? sent.withDetail("connected: sent as a regular message, no credit")
                : sent);
        return;
      }
      if (channel == Channel.LINKEDIN_INMAIL && inMailBlocked) {
        SendResult blocked =
            new SendResult(
                SendOutcome.RECIPIENT_BLOCKS_INMAIL, null, false, now(), "recipient blocks InMail");
        apply(step, routingVersion() >= 1 ? reroute(step, request, blocked) : blocked);
        return;
      }
      SendResult result =
          channel == Channel.EMAIL ? sendEmail(step, request) : sendOnLinkedIn(step, request);
      if (result.outcome() == SendOutcome.TASK_CREATED) {
        result = awaitManualTask(step, request, result.retryAt());
      }
      if (channel == Channel.LINKEDIN_INMAIL
          && (result.outcome() == SendOutcome.OUT_OF_CREDITS
              || result.outcome() == SendOutcome.RECIPIENT_BLOCKS_INMAIL)
          && routingVersion() >= 1) {
        if (result.outcome() == SendOutcome.RECIPIENT_BLOCKS_INMAIL) {
          inMailBlocked = true;
        }
        result = reroute(step, request, result);
      }
      apply(step, result);
      if (channel == Channel.LINKEDIN_CONNECT && step.status == StepStatus.SENT) {
        watchInvitation(step, request);
      }
    } catch (ActivityFailure failure) {
      step.finish(StepStatus.FAILED, "gave up after retries: " + rootMessage(failure));
    }
  }

  /**
   * A LinkedIn action waits for the slot its seat books for it (caps, window, back-off), then goes
   * out. A seat backing off by the time the slot comes answers DEFERRED: book again. Pacing arrived
   * with version 1 of "seat-pacing"; older runs send when due.
   */
  private SendResult sendOnLinkedIn(Step step, SendRequest request) {
    if (request.channel() == Channel.MANUAL_TASK
        || Workflow.getVersion("seat-pacing", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return linkedIn.sendLinkedIn(request);
    }
    while (true) {
      Instant slot = linkedIn.bookSlot(request);
      long wait = slot.toEpochMilli() - Workflow.currentTimeMillis();
      if (wait > 0) {
        step.status = StepStatus.PENDING;
        step.detail = "waiting for the seat's slot at " + slot;
        if (Workflow.await(Duration.ofMillis(wait), () -> halted(Medium.LINKEDIN))) {
          linkedIn.releaseSlot(request);
          return new SendResult(
              SendOutcome.SKIPPED,
              null,
              false,
              now(),
              "enrolment stopped while waiting for its slot");
        }
        step.status = StepStatus.SENDING;
        step.detail = null;
      }
      SendResult result = linkedIn.sendLinkedIn(request);
      if (result.outcome() != SendOutcome.DEFERRED) {
        return result;
      }
    }
  }

  /**
   * An email waits for the slot its mailbox books for it (daily cap, window, gaps), then goes out.
   * A disabled mailbox holds it: the workflow asks again at the time it is given. Pacing arrived
   * with version 1 of "mailbox-pacing"; older runs send when due.
   */
  private SendResult sendEmail(Step step, SendRequest request) {
    if (Workflow.getVersion("mailbox-pacing", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return email.sendEmail(request);
    }
    while (true) {
      EmailSlot slot = email.bookMailboxSlot(request);
      long wait = slot.at().toEpochMilli() - Workflow.currentTimeMillis();
      if (slot.held()) {
        wait = Math.max(wait, MIN_HOLD.toMillis());
      }
      if (wait > 0) {
        step.status = StepStatus.PENDING;
        step.detail =
            slot.held() ? slot.detail() : "waiting for the mailbox's slot at " + slot.at();
        if (Workflow.await(Duration.ofMillis(wait), () -> halted(Medium.EMAIL))) {
          email.releaseMailboxSlot(request);
          return new SendResult(
              SendOutcome.SKIPPED,
              null,
              false,
              now(),
              "enrolment stopped while waiting for its mailbox");
        }
        step.status = StepStatus.SENDING;
        step.detail = null;
      }
      if (slot.held()) {
        continue;
      }
      SendResult result = email.sendEmail(request);
      if (result.outcome() != SendOutcome.DEFERRED) {
        return result;
      }
    }
  }

  /** Routing of InMails without a credit arrived with version 1 of this workflow. */
  private int routingVersion() {
    return Workflow.getVersion("no-credit-routing", Workflow.DEFAULT_VERSION, 1);
  }

  /**
   * An InMail that cannot go out as an InMail follows its step's policy. A recipient who blocks
   * InMail is not waited for: waiting would not help.
   */
  private SendResult reroute(Step step, SendRequest inMail, SendResult refused) {
    NoCreditPolicy policy =
        step.plan.whenNoCredit() == null ? NoCreditPolicy.SKIP : step.plan.whenNoCredit();
    String why = refused.detail();
    if (policy == NoCreditPolicy.WAIT_FOR_GRANT
        && refused.outcome() == SendOutcome.OUT_OF_CREDITS
        && refused.retryAt() != null) {
      return waitForCredit(step, inMail, refused);
    }
    if (policy == NoCreditPolicy.EMAIL && !emailStopped) {
      step.route = Route.EMAIL_INSTEAD;
      SendResult sent = sendEmail(step, inMail.as(Channel.EMAIL, "email"));
      return sent.withDetail(
          why
              + (sent.outcome() == SendOutcome.SENT
                  ? "; sent as email"
                  : "; email instead: " + sent.detail()));
    }
    if (policy == NoCreditPolicy.CONNECTION_REQUEST) {
      step.route = Route.CONNECTION_REQUEST_INSTEAD;
      SendRequest connect = inMail.as(Channel.LINKEDIN_CONNECT, "connect");
      SendResult sent = sendOnLinkedIn(step, connect);
      if (sent.outcome() == SendOutcome.TASK_CREATED) {
        sent = awaitManualTask(step, connect, sent.retryAt());
      }
      if (sent.outcome() == SendOutcome.SENT) {
        watchInvitation(step, connect);
      }
      return sent.withDetail(
          why
              + (sent.outcome() == SendOutcome.SENT
                  ? "; sent a connection request"
                  : "; connection request instead: " + sent.detail()));
    }
    return new SendResult(SendOutcome.SKIPPED, null, false, now(), why + "; step skipped");
  }

  /** Waits for the seat's next credits and tries again, for as long as the enrolment runs. */
  private SendResult waitForCredit(Step step, SendRequest inMail, SendResult refused) {
    SendResult last = refused;
    while (last.outcome() == SendOutcome.OUT_OF_CREDITS && last.retryAt() != null) {
      step.status = StepStatus.PENDING;
      step.route = Route.WAITED_FOR_CREDIT;
      step.detail = last.detail() + "; waiting for the next credits at " + last.retryAt();
      long wait = last.retryAt().toEpochMilli() - Workflow.currentTimeMillis();
      Medium medium = step.plan.channel().medium();
      if (wait > 0 && Workflow.await(Duration.ofMillis(wait), () -> halted(medium))) {
        return new SendResult(
            SendOutcome.SKIPPED, null, false, now(), "enrolment stopped while waiting for credits");
      }
      step.status = StepStatus.SENDING;
      last = sendOnLinkedIn(step, inMail);
    }
    return last;
  }

  /**
   * Waits for the rep. Since version 1 of "task-window-push" the wait ends at the task's due time
   * and a passed window asks the worker's rule: skip, or push to the next window.
   */
  private SendResult awaitManualTask(Step step, SendRequest request, Instant dueAt) {
    step.status = StepStatus.AWAITING_TASK;
    Medium medium = step.plan.channel().medium();
    String key = request.stepKey();
    boolean pushable =
        Workflow.getVersion("task-window-push", Workflow.DEFAULT_VERSION, 1) >= 1 && dueAt != null;
    long due =
        pushable
            ? dueAt.toEpochMilli()
            : Workflow.currentTimeMillis() + settings.manualTaskWindow().toMillis();
    while (true) {
      long wait = Math.max(0, due - Workflow.currentTimeMillis());
      boolean done =
          Workflow.await(
              Duration.ofMillis(wait), () -> completedTasks.contains(key) || halted(medium));
      if (completedTasks.contains(key)) {
        return linkedIn.confirmManualSend(request);
      }
      if (done || !pushable) {
        String reason = done ? "enrolment stopped before the task was done" : "task window passed";
        linkedIn.cancelManualTask(request, reason);
        return new SendResult(SendOutcome.SKIPPED, null, false, now(), reason);
      }
      TaskDeadline deadline = linkedIn.manualTaskOverdue(request);
      switch (deadline.outcome()) {
        case DONE -> {
          return linkedIn.confirmManualSend(request);
        }
        case PUSHED -> {
          due = deadline.dueAt().toEpochMilli();
          step.detail = "task window passed; pushed to the next window, due " + deadline.dueAt();
        }
        case CANCELLED -> {
          return new SendResult(SendOutcome.SKIPPED, null, false, now(), deadline.detail());
        }
      }
    }
  }

  /**
   * Withdraws a connection request nobody answered within the configured time. An acceptance or the
   * end of the enrolment ends the watch without a withdrawal: a prospect who answered elsewhere
   * keeps the invitation. Arrived with version 1 of "invitation-withdrawal".
   */
  private void watchInvitation(Step step, SendRequest connect) {
    Duration after = settings.invitationWithdrawAfter();
    if (after == null || after.isZero() || after.isNegative() || connected) {
      return;
    }
    if (Workflow.getVersion("invitation-withdrawal", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    invitations.add(
        Async.procedure(
            () -> {
              boolean answered = Workflow.await(after, () -> connected || stopReason != null);
              if (answered) {
                return;
              }
              SendResult withdrawn = linkedIn.withdrawInvitation(connect);
              if (withdrawn.outcome() == SendOutcome.SENT) {
                step.detail =
                    (step.detail == null ? "" : step.detail + "; ")
                        + "invitation unanswered after "
                        + after.toDays()
                        + " days: "
                        + withdrawn.detail();
              }
            }));
  }

  private void apply(Step step, SendResult result) {
    step.creditSpent = result.creditSpent();
    switch (result.outcome()) {
      case SENT -> {
        step.sentAt =
            result.at() == null ? Workflow.currentTimeMillis() : result.at().toEpochMilli();
        step.finish(StepStatus.SENT, result.detail());
        refundAnswersThatCameFirst(step);
      }
      case INVALID_ADDRESS -> {
        step.finish(StepStatus.FAILED, result.detail());
        stopEmailBranch("invalid email address");
        effects.add(() -> store.markEmailUndeliverable(enrolmentId));
      }
      case RECIPIENT_BLOCKS_INMAIL -> {
        inMailBlocked = true;
        step.finish(StepStatus.SKIPPED, result.detail());
      }
      case OUT_OF_CREDITS, SKIPPED -> step.finish(StepStatus.SKIPPED, result.detail());
      case FAILED, TASK_CREATED, DEFERRED -> step.finish(StepStatus.FAILED, result.detail());
    }
  }

  private void cancelPending(Medium medium) {
    String reason =
        stopReason != null
            ? "enrolment stopped: " + stopReason
            : emailStopped ? "email stopped" : "";
    for (Step step : steps.values()) {
      if (step.plan.channel().medium() == medium && !step.status.isDone()) {
        step.plannedAt = knownDue(step);
        step.finish(StepStatus.CANCELLED, reason);
      }
    }
  }

  // ---- responses, pauses, refunds ------------------------------------------------------------

  private void halt(StopReason reason) {
    if (stopReason != null || status == EnrolmentStatus.COMPLETED) {
      return;
    }
    stopReason = reason;
    paused = false;
    changeStatus(EnrolmentStatus.STOPPED);
  }

  private void stopEmailBranch(String reason) {
    if (!emailStopped) {
      emailStopped = true;
      log.info("enrolment {}: email branch stopped ({})", enrolmentId, reason);
    }
  }

  private void pauseForOutOfOffice(Response response) {
    if (stopReason != null
        || status != EnrolmentStatus.ACTIVE && status != EnrolmentStatus.PAUSED) {
      return;
    }
    long until =
        response.returnAt() != null
            ? response.returnAt().toEpochMilli()
            : response.occurredAt().toEpochMilli() + settings.outOfOfficePause().toMillis();
    if (until <= Workflow.currentTimeMillis()) {
      return;
    }
    startPause(until);
  }

  private void startPause(Long until) {
    if (!paused) {
      paused = true;
      changeStatus(EnrolmentStatus.PAUSED);
    }
    pausedUntil = until;
    pauseGeneration++;
  }

  /**
   * Ends a pause. If the earliest unsent step would now be due sooner than {@code resumeGap} from
   * now, every unsent step moves later by the same amount, so the remaining spacing is kept.
   */
  private void resumeNow() {
    paused = false;
    pausedUntil = null;
    pauseGeneration++;
    long earliest = Long.MAX_VALUE;
    for (Step step : steps.values()) {
      if (step.status == StepStatus.PENDING) {
        earliest = Math.min(earliest, knownDue(step));
      }
    }
    long notBefore = Workflow.currentTimeMillis() + settings.resumeGap().toMillis();
    if (earliest != Long.MAX_VALUE && earliest < notBefore) {
      shiftMillis += notBefore - earliest;
    }
    timelineVersion++;
    changeStatus(EnrolmentStatus.ACTIVE);
  }

  private void queueRefunds(Response response) {
    for (Step step : steps.values()) {
      queueRefund(step, response, false);
    }
  }

  /**
   * An answer can reach the workflow before the result of the send it answers does: a provider's
   * webhook may beat the activity's completion. An answer that names this step refunds it when its
   * result lands. Arrived with version 1 of "late-refund".
   */
  private void refundAnswersThatCameFirst(Step step) {
    String key = step.plan.key();
    if (!step.creditSpent
        || refunding.stream().noneMatch(r -> key.equals(r.answersStep()))
        || Workflow.getVersion("late-refund", Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    for (Response response : refunding) {
      if (key.equals(response.answersStep())) {
        queueRefund(step, response, true);
      }
    }
  }

  /**
   * Queues the refund of a paid step this response earns: one that came after the step's send and
   * within the refund window, or one known to answer that very step.
   */
  private void queueRefund(Step step, Response response, boolean answersIt) {
    if (!settings.refundOnAnyChannel() && response.channel() != Medium.LINKEDIN) {
      return;
    }
    long at = response.occurredAt().toEpochMilli();
    if (step.creditSpent
        && !step.refundQueued
        && step.sentAt != null
        && (answersIt || step.sentAt <= at)
        && at - step.sentAt <= settings.refundWindow().toMillis()) {
      step.refundQueued = true;
      String key = step.plan.key();
      effects.add(
          () -> {
            credits.refundCredit(enrolmentId, key, response.responseId());
            step.refunded = true;
          });
    }
  }

  /** Keeps the run open until no spent credit can be refunded any more. */
  private void listenForRefunds() {
    while (true) {
      long until = 0;
      for (Step step : steps.values()) {
        if (step.creditSpent && !step.refundQueued && step.sentAt != null) {
          until = Math.max(until, step.sentAt + settings.refundWindow().toMillis());
        }
      }
      long now = Workflow.currentTimeMillis();
      if (until <= now) {
        listeningUntil = null;
        return;
      }
      listeningUntil = until;
      long target = until;
      Workflow.await(Duration.ofMillis(until - now), () -> refundableUntil() != target);
    }
  }

  private long refundableUntil() {
    long until = 0;
    for (Step step : steps.values()) {
      if (step.creditSpent && !step.refundQueued && step.sentAt != null) {
        until = Math.max(until, step.sentAt + settings.refundWindow().toMillis());
      }
    }
    return until;
  }

  private void changeStatus(EnrolmentStatus next) {
    if (status == next) {
      return;
    }
    status = next;
    StopReason reason = stopReason;
    effects.add(() -> store.recordStatus(enrolmentId, next, reason));
  }

  private void runEffects() {
    while (true) {
      Workflow.await(() -> !effects.isEmpty() || finished);
      if (effects.isEmpty()) {
        return;
      }
      effects.poll().run();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private long dueAt(Step step) {
    return enrolledAt + Duration.ofDays(step.plan.dayOffset()).toMillis() + shiftMillis;
  }

  /**
   * When the step is due. A scheduled step asks the planning activity, once per anchor: a pause
   * that moved the anchor has it planned again. Runs on a workflow thread, never in a query.
   */
  private long dueOf(Step step) {
    if (!scheduledTiming) {
      return dueAt(step);
    }
    long anchor = enrolledAt + shiftMillis;
    if (step.plannedFrom == null || step.plannedFrom != anchor) {
      PlannedStep planned =
          planner.planStep(
              new PlanRequest(
                  enrolmentId,
                  step.plan.key(),
                  Instant.ofEpochMilli(anchor),
                  step.plan.dayOffset()));
      step.plannedFrom = anchor;
      step.scheduledAt = planned.at().toEpochMilli();
      step.schedulePlan = planned.plan();
    }
    return step.scheduledAt;
  }

  /** The due time known without asking anyone: the last plan of a scheduled step, if any. */
  private long knownDue(Step step) {
    return scheduledTiming && step.scheduledAt != null ? step.scheduledAt : dueAt(step);
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  private final class Step {
    final StepPlan plan;
    StepStatus status = StepStatus.PENDING;
    Route route = Route.PLANNED;
    Long plannedAt;
    Long plannedFrom;
    Long scheduledAt;
    String schedulePlan;
    Long sentAt;

    /** Its branch has begun to send it. */
    boolean reached;

    /** A migration replaced it before it was reached. */
    boolean superseded;

    String detail;
    boolean creditSpent;
    boolean refundQueued;
    boolean refunded;

    Step(StepPlan plan) {
      this.plan = plan;
    }

    void finish(StepStatus next, String why) {
      status = next;
      detail = why;
    }

    StepState toState() {
      return new StepState(
          plan.key(),
          plan.channel(),
          plan.dayOffset(),
          status,
          Instant.ofEpochMilli(plannedAt != null ? plannedAt : knownDue(this)),
          sentAt == null ? null : Instant.ofEpochMilli(sentAt),
          detail,
          creditSpent,
          refunded,
          route,
          schedulePlan);
    }
  }
}
