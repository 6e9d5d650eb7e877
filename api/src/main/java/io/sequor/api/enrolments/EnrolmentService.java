package io.sequor.api.enrolments;

import io.sequor.api.paging.Cursors;
import io.sequor.domain.addresses.AddressVerdict;
import io.sequor.domain.addresses.EmailVerdicts;
import io.sequor.domain.addresses.EnrolmentEmailCheck;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.enrolments.EnrolmentStarter;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.enrolments.ResponseIntake;
import io.sequor.domain.enrolments.ResponseRecord;
import io.sequor.domain.enrolments.ResponseStore;
import io.sequor.domain.enrolments.StepExecution;
import io.sequor.domain.enrolments.StepExecutionStore;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.schedule.EnrolmentSchedules;
import io.sequor.domain.schedule.Schedule;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.unsubscribe.SuppressionPolicy;
import io.sequor.domain.workspaces.Tenancy;
import io.sequor.domain.workspaces.Workspaces;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentState;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.enrolment.Route;
import io.sequor.workflows.enrolment.StepState;
import io.sequor.workflows.enrolment.StepStatus;
import io.sequor.workflows.enrolment.StopReason;
import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.Medium;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Enrols prospects (store first, then the workflow) and reports where each enrolment is. */
@Service
class EnrolmentService {

  private static final Logger log = LoggerFactory.getLogger(EnrolmentService.class);

  private final WorkflowClient temporal;
  private final TransactionTemplate tx;
  private final SequenceCatalog catalog;
  private final ProspectStore prospects;
  private final EnrolmentStore enrolments;
  private final StepExecutionStore executions;
  private final ResponseStore responses;
  private final ResponseIntake intake;
  private final CreditLedger ledger;
  private final MailboxStore mailboxes;
  private final Copy copy;
  private final SuppressionPolicy suppression;
  private final SequorProperties properties;
  private final SequorClock clock;
  private final JsonMapper json;
  private final EnrolmentEmailCheck emailCheck;
  private final EmailVerdicts emailVerdicts;
  private final EnrolmentStarter starter;
  private final EnrolmentSchedules schedules;
  private final Tenancy tenancy;

  EnrolmentService(
      WorkflowClient temporal,
      TransactionTemplate tx,
      SequenceCatalog catalog,
      ProspectStore prospects,
      EnrolmentStore enrolments,
      StepExecutionStore executions,
      ResponseStore responses,
      ResponseIntake intake,
      CreditLedger ledger,
      MailboxStore mailboxes,
      Copy copy,
      SuppressionPolicy suppression,
      SequorProperties properties,
      SequorClock clock,
      JsonMapper json,
      EnrolmentEmailCheck emailCheck,
      EmailVerdicts emailVerdicts,
      EnrolmentStarter starter,
      EnrolmentSchedules schedules,
      Tenancy tenancy) {
    this.temporal = temporal;
    this.tx = tx;
    this.catalog = catalog;
    this.prospects = prospects;
    this.enrolments = enrolments;
    this.executions = executions;
    this.responses = responses;
    this.intake = intake;
    this.ledger = ledger;
    this.mailboxes = mailboxes;
    this.copy = copy;
    this.suppression = suppression;
    this.properties = properties;
    this.clock = clock;
    this.json = json;
    this.emailCheck = emailCheck;
    this.emailVerdicts = emailVerdicts;
    this.starter = starter;
    this.schedules = schedules;
    this.tenancy = tenancy;
  }

  /** The outcome of an enrolment request. */
  record Enrolled(EnrolmentRecord enrolment, boolean created) {}

  /**
   * Enrols in the workspace. Every id the request names must be the workspace's; another
   * workspace's is refused as one that does not exist. The installation's default seat and mailbox
   * belong to the default workspace: other workspaces name their own.
   */
  Enrolled enrol(UUID workspaceId, EnrolmentRequests.Enrol request, String idempotencyKey) {
    String fingerprint = fingerprint(request);
    if (idempotencyKey != null) {
      Optional<EnrolmentRecord> earlier = enrolments.byIdempotencyKey(workspaceId, idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), fingerprint);
      }
    }
    SequenceVersion version = resolveVersion(workspaceId, request);
    Schedule schedule =
        request.schedule() == null ? null : request.schedule().toSchedule("schedule");
    String seatId =
        request.seatId() != null ? request.seatId() : properties.linkedin().defaultSeat();
    String emailField = request.prospectId() != null ? "prospectId" : "prospect.email";
    // Before the transaction: a DNS look-up can take seconds and should not hold a connection.
    Optional<AddressVerdict> emailVerdict =
        emailCheck.verify(emailField, emailToVerify(workspaceId, request));
    EnrolmentStore.Insert insert =
        tx.execute(
            status -> {
              Prospect prospect = resolveProspect(workspaceId, request);
              if (emailVerdict.isPresent()) {
                emailCheck.keep(
                    emailField,
                    prospect,
                    emailVerdict.get(),
                    Copy.reachable(prospect, Medium.LINKEDIN)
                        && version.steps().stream()
                            .anyMatch(s -> s.channel().medium() == Medium.LINKEDIN));
              }
              List<FieldProblem> problems =
                  copy.problems(
                      version, prospect, request.prospectId() != null ? "prospectId" : "prospect");
              if (problems.isEmpty() && ledger.seat(seatId).freeAccount()) {
                problems.addAll(copy.freeAccountProblems(version, prospect, seatId));
              }
              if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
              }
              Optional<FieldProblem> suppressed =
                  suppression.refusal(
                      version, prospect, request.prospectId() != null ? "prospectId" : "prospect");
              if (suppressed.isPresent()) {
                throw new ConflictException(
                    "prospect " + prospect.id() + ": " + suppressed.get().reason(),
                    null,
                    List.of(suppressed.get()));
              }
              String mailboxId =
                  mailboxes.assign(MailboxStore.pool(request.mailboxId(), request.mailboxIds()));
              EnrolmentStore.Insert inserted =
                  enrolments.insert(
                      workspaceId,
                      prospect.id(),
                      version.sequenceId(),
                      version.id(),
                      seatId,
                      mailboxId,
                      idempotencyKey,
                      fingerprint);
              if (schedule != null && inserted instanceof EnrolmentStore.Insert.Created created) {
                schedules.save(created.enrolment().id(), schedule);
              }
              return inserted;
            });
    if (insert instanceof EnrolmentStore.Insert.Created created) {
      start(created.enrolment(), version);
      return new Enrolled(created.enrolment(), true);
    }
    if (insert instanceof EnrolmentStore.Insert.Replayed replayed) {
      return replay(replayed.enrolment(), fingerprint);
    }
    EnrolmentRecord existing = ((EnrolmentStore.Insert.AlreadyActive) insert).existing();
    throw new ConflictException(
        "prospect " + existing.prospectId() + " already has a live enrolment in this sequence",
        existing.id().toString());
  }

  private Enrolled replay(EnrolmentRecord earlier, String fingerprint) {
    if (!fingerprint.equals(earlier.requestFingerprint())) {
      throw new InvalidInputException(
          "Idempotency-Key", "was already used for a different request; use a new key");
    }
    // The first request may have stored the enrolment but failed to start its workflow.
    start(earlier, catalog.versionById(earlier.sequenceVersionId()));
    return new Enrolled(earlier, false);
  }

  private void start(EnrolmentRecord enrolment, SequenceVersion version) {
    starter.start(enrolment, version);
  }

  private SequenceVersion resolveVersion(UUID workspaceId, EnrolmentRequests.Enrol request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.sequenceId() == null) {
      problems.add(new FieldProblem("sequenceId", "is required"));
    }
    if (request.prospectId() == null && request.prospect() == null) {
      problems.add(new FieldProblem("prospect", "give a prospectId or an inline prospect"));
    }
    if (request.prospectId() != null && request.prospect() != null) {
      problems.add(
          new FieldProblem("prospect", "give a prospectId or an inline prospect, not both"));
    }
    if (request.prospect() != null) {
      problems.addAll(prospects.problems("prospect", request.prospect()));
    }
    if (request.seatId() != null && !tenancy.ownsSeat(workspaceId, request.seatId())) {
      problems.add(new FieldProblem("seatId", "no seat with id '" + request.seatId() + "'"));
    }
    boolean ownDefaults = Workspaces.DEFAULT.equals(workspaceId);
    if (request.seatId() == null && !ownDefaults) {
      problems.add(new FieldProblem("seatId", "is required: name one of this workspace's seats"));
    }
    if (request.mailboxId() == null && request.mailboxIds() == null && !ownDefaults) {
      problems.add(
          new FieldProblem(
              "mailboxId", "is required: name one of this workspace's mailboxes (or mailboxIds)"));
    }
    problems.addAll(
        mailboxes.choiceProblems(workspaceId, request.mailboxId(), request.mailboxIds()));
    if (request.schedule() != null) {
      try {
        request.schedule().toSchedule("schedule");
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (request.version() != null && request.version() < 1) {
      problems.add(new FieldProblem("version", "must be 1 or more"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    try {
      if (request.sequenceId() != null) {
        tenancy.sequence(workspaceId, request.sequenceId());
      }
      int number =
          request.version() != null
              ? request.version()
              : catalog.sequence(request.sequenceId()).latestVersion();
      return catalog.version(request.sequenceId(), number);
    } catch (NotFoundException e) {
      throw new InvalidInputException(
          request.version() == null ? "sequenceId" : "version",
          request.version() == null
              ? "no sequence with id " + request.sequenceId()
              : "sequence " + request.sequenceId() + " has no version " + request.version());
    }
  }

  /** The address the enrolment will write to: the inline prospect's, or the stored one's. */
  private String emailToVerify(UUID workspaceId, EnrolmentRequests.Enrol request) {
    if (request.prospect() != null) {
      return request.prospect().email();
    }
    try {
      tenancy.prospect(workspaceId, request.prospectId());
      return prospects.get(request.prospectId()).email();
    } catch (NotFoundException e) {
      return null; // refused with its field once the prospect is resolved
    }
  }

  private Prospect resolveProspect(UUID workspaceId, EnrolmentRequests.Enrol request) {
    if (request.prospectId() != null) {
      try {
        tenancy.prospect(workspaceId, request.prospectId());
        return prospects.get(request.prospectId());
      } catch (NotFoundException e) {
        throw new InvalidInputException(
            "prospectId", "no prospect with id " + request.prospectId());
      }
    }
    return prospects.upsert(workspaceId, request.prospect());
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The running workflow's account, or the store's when the workflow cannot answer. */
  EnrolmentView view(UUID id) {
    EnrolmentRecord record = enrolments.get(id);
    return view(record, query(record));
  }

  /** The store's account only: never waits for a worker. */
  EnrolmentView storedView(UUID id) {
    return view(enrolments.get(id), Optional.empty());
  }

  private EnrolmentView view(EnrolmentRecord record, Optional<EnrolmentState> live) {
    UUID id = record.id();
    SequenceVersion version = catalog.versionById(record.sequenceVersionId());
    List<ResponseRecord> recorded = responses.forEnrolment(id);
    CreditLedger.Credits tally =
        ledger.creditsOfEnrolment(id, properties.enrolment().refundWindow());
    if (live.isPresent()) {
      EnrolmentState s = live.get();
      return new EnrolmentView(
          id,
          s.status(),
          s.stopReason(),
          record.sequenceId(),
          version.version(),
          record.prospectId(),
          emailVerdicts.find(record.prospectId()).orElse(null),
          record.seatId(),
          MailboxStore.mailboxOf(record),
          record.createdAt(),
          s.pausedUntil(),
          s.emailBranchStopped(),
          s.listeningUntil(),
          s.steps(),
          recorded,
          new EnrolmentView.Credits(
              tally.spent(), tally.refunded(), tally.inRefundWindow(), tally.net()),
          true);
    }
    return new EnrolmentView(
        id,
        record.status(),
        record.stopReason(),
        record.sequenceId(),
        version.version(),
        record.prospectId(),
        emailVerdicts.find(record.prospectId()).orElse(null),
        record.seatId(),
        MailboxStore.mailboxOf(record),
        record.createdAt(),
        null,
        false,
        null,
        stepsFromStore(record, version),
        recorded,
        new EnrolmentView.Credits(
            tally.spent(), tally.refunded(), tally.inRefundWindow(), tally.net()),
        false);
  }

  /** A page of the workspace's enrolments, newest first, and the cursor of the next page. */
  EnrolmentSummary.Page list(
      UUID workspaceId, EnrolmentStatus status, UUID campaignId, String cursor, int limit) {
    Cursors.Position after = cursor == null ? null : Cursors.parsePosition(cursor);
    List<EnrolmentRecord> found =
        enrolments.page(
            workspaceId,
            status,
            campaignId,
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            limit + 1);
    List<EnrolmentRecord> items = found.stream().limit(limit).toList();
    EnrolmentRecord last = items.isEmpty() ? null : items.get(items.size() - 1);
    return new EnrolmentSummary.Page(
        items.stream().map(EnrolmentSummary::of).toList(),
        found.size() > limit ? Cursors.position(last.createdAt(), last.id()) : null);
  }

  /** The store's account of each step, for enrolments whose workflow cannot be queried. */
  private List<StepState> stepsFromStore(EnrolmentRecord record, SequenceVersion version) {
    Map<String, StepExecution> byStep =
        executions.forEnrolment(record.id()).stream()
            .collect(
                Collectors.toMap(
                    StepExecution::stepKey,
                    Function.identity(),
                    // A step tried as an InMail and then sent another way: the later try tells.
                    (first, later) -> later));
    List<StepState> steps = new ArrayList<>();
    for (StepDefinition step : version.steps()) {
      StepExecution e = byStep.get(step.key());
      Instant planned = record.createdAt().plus(Duration.ofDays(step.dayOffset()));
      if (e == null) {
        steps.add(
            new StepState(
                step.key(),
                step.channel(),
                step.dayOffset(),
                record.status().isFinal() ? StepStatus.CANCELLED : StepStatus.PENDING,
                planned,
                null,
                null,
                false,
                false,
                Route.PLANNED,
                null));
      } else {
        steps.add(
            new StepState(
                step.key(),
                step.channel(),
                step.dayOffset(),
                switch (e.status()) {
                  case SENT -> StepStatus.SENT;
                  case SENDING, HANDING_OVER -> StepStatus.SENDING;
                  case TASK_OPEN -> StepStatus.AWAITING_TASK;
                  case SKIPPED -> StepStatus.SKIPPED;
                  case FAILED -> StepStatus.FAILED;
                },
                e.plannedAt() != null ? e.plannedAt() : planned,
                e.status() == StepExecution.Status.SENT ? e.finishedAt() : null,
                e.detail(),
                e.creditSpent(),
                false,
                e.channel() == step.channel()
                    ? Route.PLANNED
                    : e.channel() == Channel.EMAIL
                        ? Route.EMAIL_INSTEAD
                        : Route.CONNECTION_REQUEST_INSTEAD,
                null));
      }
    }
    return steps;
  }

  private Optional<EnrolmentState> query(EnrolmentRecord record) {
    try {
      return Optional.of(workflow(record.id()).state());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      log.warn("enrolment {}: state query failed, answering from the store", record.id(), e);
      return Optional.empty();
    }
  }

  // ---- signals -------------------------------------------------------------------------------

  EnrolmentView pause(UUID id) {
    signal(id, EnrolmentWorkflow::pause);
    return view(id);
  }

  EnrolmentView resume(UUID id) {
    signal(id, EnrolmentWorkflow::resume);
    return view(id);
  }

  /**
   * Stops the enrolment; one whose workflow is gone is stopped in the store, so it can be cleared.
   */
  EnrolmentView stop(UUID id) {
    EnrolmentRecord record = enrolments.get(id);
    try {
      workflow(id).stop();
    } catch (WorkflowNotFoundException gone) {
      if (record.status().isFinal()) {
        throw new ConflictException(
            "enrolment " + id + " is already " + record.status(), id.toString());
      }
      enrolments.recordStatus(id, EnrolmentStatus.STOPPED, StopReason.STOPPED_BY_USER);
    }
    return view(id);
  }

  /** Records a response and, when the enrolment is still running, tells its workflow. */
  ResponseIntake.Recorded respond(UUID id, EnrolmentRequests.RecordResponse request) {
    EnrolmentRecord record = enrolments.get(id);
    List<FieldProblem> problems = new ArrayList<>();
    Instant returnAt = request.returnAt();
    if (request.returnDate() != null) {
      if (returnAt != null) {
        problems.add(new FieldProblem("returnDate", "give returnAt or returnDate, not both"));
      }
      returnAt = request.returnDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    problems.addAll(
        intake.problems(record, request.channel(), request.kind(), request.occurredAt(), returnAt));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return intake.record(
        id, request.channel(), request.kind(), request.occurredAt(), returnAt, request.text());
  }

  private void signal(UUID id, java.util.function.Consumer<EnrolmentWorkflow> signal) {
    EnrolmentRecord record = enrolments.get(id);
    try {
      signal.accept(workflow(id));
    } catch (WorkflowNotFoundException e) {
      throw new ConflictException(
          "enrolment " + id + " is " + record.status() + " and no longer running", id.toString());
    }
  }

  private EnrolmentWorkflow workflow(UUID id) {
    return temporal.newWorkflowStub(
        EnrolmentWorkflow.class, EnrolmentInput.workflowId(id.toString()));
  }

  private String fingerprint(EnrolmentRequests.Enrol request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
