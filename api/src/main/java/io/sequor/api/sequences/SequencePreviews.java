package io.sequor.api.sequences;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.schedule.PlannedSend;
import io.sequor.domain.schedule.Schedule;
import io.sequor.domain.schedule.SendPlanner;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceRules;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.sequences.Warning;
import io.sequor.domain.templates.Templates;
import io.sequor.domain.unsubscribe.SuppressionPolicy;
import io.sequor.domain.workspaces.Tenancy;
import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.Medium;
import io.sequor.workflows.sequence.NoCreditPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dry run of a sequence for one prospect: what each step would send, when, on which route and at
 * what cost. It renders with the copy code the senders use and plans with the planner the
 * workflow's activity uses; it writes nothing (its transaction is read-only).
 */
@Service
class SequencePreviews {

  private final SequenceCatalog catalog;
  private final SequenceRules rules;
  private final ProspectStore prospects;
  private final Copy copy;
  private final SendPlanner planner;
  private final CreditLedger ledger;
  private final MailboxStore mailboxes;
  private final SuppressionPolicy suppression;
  private final SequorProperties properties;
  private final SequorClock clock;
  private final Tenancy tenancy;

  SequencePreviews(
      SequenceCatalog catalog,
      SequenceRules rules,
      ProspectStore prospects,
      Copy copy,
      SendPlanner planner,
      CreditLedger ledger,
      MailboxStore mailboxes,
      SuppressionPolicy suppression,
      SequorProperties properties,
      SequorClock clock,
      Tenancy tenancy) {
    this.tenancy = tenancy;
    this.catalog = catalog;
    this.rules = rules;
    this.prospects = prospects;
    this.copy = copy;
    this.planner = planner;
    this.ledger = ledger;
    this.mailboxes = mailboxes;
    this.suppression = suppression;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  PreviewViews.Preview preview(
      UUID workspaceId, UUID sequenceId, PreviewViews.PreviewRequest request) {
    tenancy.sequence(workspaceId, sequenceId);
    int latest = catalog.sequence(sequenceId).latestVersion();
    List<FieldProblem> problems = new ArrayList<>();
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
    if (request.version() != null && (request.version() < 1 || request.version() > latest)) {
      problems.add(
          new FieldProblem("version", "sequence " + sequenceId + " has versions 1 to " + latest));
    }
    if (request.seatId() != null && !tenancy.ownsSeat(workspaceId, request.seatId())) {
      problems.add(new FieldProblem("seatId", "no seat with id '" + request.seatId() + "'"));
    }
    problems.addAll(mailboxes.choiceProblems(workspaceId, request.mailboxId(), null));
    Schedule schedule = null;
    if (request.schedule() != null) {
      try {
        schedule = request.schedule().toSchedule("schedule");
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    Prospect prospect = null;
    if (problems.isEmpty()) {
      prospect =
          request.prospectId() != null
              ? storedProspect(workspaceId, request.prospectId())
              : prospects.unsaved(workspaceId, request.prospect());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    SequenceVersion version =
        catalog.version(sequenceId, request.version() != null ? request.version() : latest);
    String seatId =
        request.seatId() != null ? request.seatId() : properties.linkedin().defaultSeat();
    String mailboxId = request.mailboxId() != null ? request.mailboxId() : MailboxStore.DEFAULT_ID;
    Instant start = request.startAt() != null ? request.startAt() : clock.now();
    String at = request.prospectId() != null ? "prospectId" : "prospect";

    List<FieldProblem> refusals = new ArrayList<>(copy.problems(version, prospect, at));
    if (refusals.isEmpty() && ledger.seat(seatId).freeAccount()) {
      refusals.addAll(copy.freeAccountProblems(version, prospect, seatId));
    }
    suppression.refusal(version, prospect, at).ifPresent(refusals::add);

    List<Warning> warnings = rules.check(null, version.steps()).warnings();
    List<PreviewViews.StepPreview> steps = new ArrayList<>();
    int credits = 0;
    for (int i = 0; i < version.steps().size(); i++) {
      StepDefinition step = version.steps().get(i);
      String prefix = "steps[" + i + "]";
      PreviewViews.StepPreview preview =
          step(
              version,
              i,
              step,
              prospect,
              schedule,
              start,
              seatId,
              mailboxId,
              warnings.stream()
                  .filter(w -> w.field().equals(prefix) || w.field().startsWith(prefix + "."))
                  .toList());
      credits += preview.credits();
      steps.add(preview);
    }
    return new PreviewViews.Preview(
        version.sequenceId(),
        version.version(),
        request.prospectId(),
        start,
        seatId,
        mailboxId,
        schedule != null,
        credits,
        refusals,
        warnings,
        steps);
  }

  private Prospect storedProspect(UUID workspaceId, UUID id) {
    try {
      return prospects.get(workspaceId, id);
    } catch (NotFoundException e) {
      throw new InvalidInputException("prospectId", "no prospect with id " + id);
    }
  }

  private PreviewViews.StepPreview step(
      SequenceVersion version,
      int index,
      StepDefinition step,
      Prospect prospect,
      Schedule schedule,
      Instant start,
      String seatId,
      String mailboxId,
      List<Warning> warnings) {
    Instant plannedAt;
    String plannedLocal;
    String plan = null;
    if (schedule != null) {
      PlannedSend planned =
          planner.plan(start, step.dayOffset(), schedule, prospect.timezone(), prospect.country());
      plannedAt = planned.at();
      plannedLocal = planned.local().toString();
      plan = planned.describe();
    } else {
      // The workflow's rule for enrolments without a schedule: start + whole days.
      plannedAt = start.plus(Duration.ofDays(step.dayOffset()));
      plannedLocal = plannedAt.atZone(ZoneOffset.UTC).toString();
    }
    List<String> route = new ArrayList<>();
    int credits = 0;
    Channel channel = step.channel();
    String subject = null;
    String body = null;
    if (!Copy.reachable(prospect, channel.medium())) {
      route.add(
          channel.medium() == Medium.EMAIL
              ? "prospect has no email address: the step would be skipped"
              : "prospect has no LinkedIn profile URL: the step would be skipped");
    } else {
      try {
        Copy.Rendered rendered = copy.render(step, prospect);
        subject = rendered.subject();
        body = rendered.body();
        if (channel == Channel.EMAIL && subject == null) {
          subject = replySubject(version, index, prospect);
        }
      } catch (Templates.MissingValueException e) {
        route.add("cannot render: " + e.getMessage());
      }
      switch (channel) {
        case EMAIL -> {
          route.add("email from mailbox " + mailboxId);
          if (subject != null && subject.startsWith("Re: ") && step.subject() == null) {
            route.add("threads under the first email of the sequence");
          }
        }
        case LINKEDIN_INMAIL -> {
          if (prospect.openProfile()) {
            route.add("InMail to an Open Profile from seat " + seatId + ": free, no credit");
          } else {
            credits = 1;
            route.add("InMail from seat " + seatId + ": 1 credit, refunded on a response");
          }
          route.add("without a credit: " + fallback(step.noCreditPolicy()));
        }
        case LINKEDIN_CONNECT -> route.add("connection request from seat " + seatId + ": free");
        case LINKEDIN_MESSAGE ->
            route.add("regular message from seat " + seatId + ": free, 1st-degree only");
        case MANUAL_TASK -> route.add("a task for a rep on seat " + seatId + ": nothing is sent");
      }
    }
    List<PreviewViews.VariantPreview> variants = new ArrayList<>();
    if (step.runsExperiment() && Copy.reachable(prospect, channel.medium())) {
      for (String key : step.variantKeys().subList(1, step.variantKeys().size())) {
        variants.add(variant(version, index, step, key, prospect, route));
      }
    }
    return new PreviewViews.StepPreview(
        step.key(),
        channel,
        step.dayOffset(),
        subject,
        body,
        plannedAt,
        plannedLocal,
        plan,
        route,
        warnings,
        credits,
        variants);
  }

  /** A variant's copy for the prospect, rendered as the senders render it. */
  private PreviewViews.VariantPreview variant(
      SequenceVersion version,
      int index,
      StepDefinition step,
      String key,
      Prospect prospect,
      List<String> route) {
    StepDefinition sent = step.withVariant(key);
    try {
      Copy.Rendered rendered = copy.render(sent, prospect);
      String subject = rendered.subject();
      if (sent.channel() == Channel.EMAIL && subject == null) {
        subject = replySubject(version, index, prospect);
      }
      return new PreviewViews.VariantPreview(key, subject, rendered.body());
    } catch (Templates.MissingValueException e) {
      route.add("variant " + key + " cannot render: " + e.getMessage());
      return new PreviewViews.VariantPreview(key, null, null);
    }
  }

  /** An email step without a subject replies in the thread the sequence's first email opened. */
  private String replySubject(SequenceVersion version, int index, Prospect prospect) {
    boolean earlierEmail =
        version.steps().subList(0, index).stream().anyMatch(s -> s.channel() == Channel.EMAIL);
    return copy.threadSubject(version, prospect)
        .map(s -> earlierEmail ? Copy.reply(s) : s)
        .orElse(null);
  }

  private static String fallback(NoCreditPolicy policy) {
    return switch (policy == null ? NoCreditPolicy.SKIP : policy) {
      case EMAIL -> "sent as an email instead";
      case CONNECTION_REQUEST -> "a connection request instead";
      case WAIT_FOR_GRANT -> "waits for the seat's next credits";
      case SKIP -> "skipped";
    };
  }
}
