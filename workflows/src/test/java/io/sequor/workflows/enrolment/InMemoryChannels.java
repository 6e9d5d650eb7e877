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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * In-memory adapters for the workflow's activities: they record what would have reached the
 * prospect, so a test can assert on sends, credits and store updates without I/O. The adapters that
 * talk to real systems are tested in the app module.
 */
final class InMemoryChannels
    implements EmailActivities,
        LinkedInActivities,
        CreditActivities,
        EnrolmentActivities,
        ScheduleActivities {

  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<String> refunded = new CopyOnWriteArrayList<>();
  final List<EnrolmentStatus> statuses = new CopyOnWriteArrayList<>();
  final Set<String> openProfiles = ConcurrentHashMap.newKeySet();
  final Set<String> noCreditFor = ConcurrentHashMap.newKeySet();
  final Map<String, Consumer<SendRequest>> duringSend = new ConcurrentHashMap<>();
  private final Supplier<Instant> clock;

  InMemoryChannels(Supplier<Instant> clock) {
    this.clock = clock;
  }

  final List<PlanRequest> plans = new CopyOnWriteArrayList<>();

  /**
   * A stand-in schedule: the step goes out at the first 09:00 UTC at or after anchor + offset days,
   * so a plan is visibly not the bare offset.
   */
  @Override
  public PlannedStep planStep(PlanRequest request) {
    plans.add(request);
    Instant nominal = request.anchor().plus(java.time.Duration.ofDays(request.dayOffset()));
    java.time.ZonedDateTime nine =
        nominal
            .atZone(java.time.ZoneOffset.UTC)
            .toLocalDate()
            .atTime(9, 0)
            .atZone(java.time.ZoneOffset.UTC);
    if (nine.toInstant().isBefore(nominal)) {
      nine = nine.plusDays(1);
    }
    return new PlannedStep(nine.toInstant(), "planned for " + nine);
  }

  @Override
  public SendResult sendEmail(SendRequest request) {
    return send(request);
  }

  /**
   * Emails whose mailbox slot comes this long after they are due, as a paced mailbox would book.
   */
  final Map<String, java.time.Duration> mailboxDelay = new ConcurrentHashMap<>();

  /** While set, the mailbox is disabled: bookings hold the email for this long. */
  volatile java.time.Duration mailboxHeldFor;

  final List<String> releasedFromMailbox = new CopyOnWriteArrayList<>();

  @Override
  public EmailSlot bookMailboxSlot(SendRequest request) {
    if (mailboxHeldFor != null) {
      return EmailSlot.held(clock.get().plus(mailboxHeldFor), "mailbox is disabled");
    }
    return EmailSlot.booked(
        request
            .plannedAt()
            .plus(mailboxDelay.getOrDefault(request.stepKey(), java.time.Duration.ZERO)));
  }

  @Override
  public void releaseMailboxSlot(SendRequest request) {
    releasedFromMailbox.add(request.stepKey());
  }

  @Override
  public SendResult sendLinkedIn(SendRequest request) {
    if (request.channel() == Channel.LINKEDIN_INMAIL && noCreditFor.contains(request.stepKey())) {
      return new SendResult(
          SendOutcome.OUT_OF_CREDITS, null, false, clock.get(), "seat has no InMail credit left");
    }
    return send(request);
  }

  private SendResult send(SendRequest request) {
    Consumer<SendRequest> hook = duringSend.remove(request.stepKey());
    if (hook != null) {
      hook.accept(request);
    }
    // A step sent another way than planned carries a suffixed idempotency key.
    sent.add(
        request.idempotencyKey().endsWith(":" + request.stepKey())
            ? request.stepKey()
            : request.stepKey() + " as " + request.channel());
    boolean paid =
        request.channel() == Channel.LINKEDIN_INMAIL
            && !openProfiles.contains(request.enrolmentId());
    return new SendResult(SendOutcome.SENT, "msg-" + request.stepKey(), paid, clock.get(), null);
  }

  /** Steps whose seat slot comes this long after they are due, as a paced seat would book. */
  final Map<String, java.time.Duration> slotDelay = new ConcurrentHashMap<>();

  final List<String> released = new CopyOnWriteArrayList<>();

  @Override
  public Instant bookSlot(SendRequest request) {
    return request
        .plannedAt()
        .plus(slotDelay.getOrDefault(request.stepKey(), java.time.Duration.ZERO));
  }

  @Override
  public void releaseSlot(SendRequest request) {
    released.add(request.stepKey());
  }

  @Override
  public SendResult confirmManualSend(SendRequest request) {
    return send(request);
  }

  @Override
  public void cancelManualTask(SendRequest request, String reason) {}

  /** Connection requests withdrawn, by step key. */
  final List<String> withdrawn = new CopyOnWriteArrayList<>();

  @Override
  public TaskDeadline manualTaskOverdue(SendRequest request) {
    return new TaskDeadline(TaskDeadline.Outcome.CANCELLED, null, "task window passed");
  }

  @Override
  public SendResult withdrawInvitation(SendRequest connect) {
    withdrawn.add(connect.stepKey());
    return new SendResult(SendOutcome.SENT, null, false, clock.get(), "withdrawn");
  }

  @Override
  public boolean refundCredit(String enrolmentId, String stepKey, String responseId) {
    if (refunded.contains(stepKey)) {
      return false;
    }
    refunded.add(stepKey);
    return true;
  }

  @Override
  public void recordStatus(String enrolmentId, EnrolmentStatus status, StopReason stopReason) {
    statuses.add(status);
  }

  @Override
  public void suppressProspect(String enrolmentId) {}

  @Override
  public void markEmailUndeliverable(String enrolmentId) {}

  @Override
  public void recordMigration(String enrolmentId, String migrationId, String versionId) {}
}
