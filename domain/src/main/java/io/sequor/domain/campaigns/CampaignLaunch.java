package io.sequor.domain.campaigns;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.enrolments.EnrolmentStarter;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.unsubscribe.SuppressionPolicy;
import io.sequor.workflows.campaign.PageResult;
import io.sequor.workflows.sequence.Medium;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the launch decision for each prospect of a page: enrol it, or skip it with the reason. Each
 * decision is stored with its enrolment in one transaction and never taken twice, so a page retried
 * after a crash enrols nobody twice; enrolments stored but not started are started.
 */
@Service
public class CampaignLaunch {

  private final CampaignStore campaigns;
  private final SequenceCatalog catalog;
  private final ProspectStore prospects;
  private final EnrolmentStore enrolments;
  private final EnrolmentStarter starter;
  private final Copy copy;
  private final SuppressionPolicy suppression;
  private final CreditLedger ledger;
  private final TransactionTemplate tx;
  private final SequorClock clock;
  private final ExecutorService starting = Executors.newFixedThreadPool(STARTERS, starterThreads());

  /** Enrolment workflows a page starts at once. */
  static final int STARTERS = 8;

  CampaignLaunch(
      CampaignStore campaigns,
      SequenceCatalog catalog,
      ProspectStore prospects,
      EnrolmentStore enrolments,
      EnrolmentStarter starter,
      Copy copy,
      SuppressionPolicy suppression,
      CreditLedger ledger,
      TransactionTemplate tx,
      SequorClock clock) {
    this.campaigns = campaigns;
    this.catalog = catalog;
    this.prospects = prospects;
    this.enrolments = enrolments;
    this.starter = starter;
    this.copy = copy;
    this.suppression = suppression;
    this.ledger = ledger;
    this.tx = tx;
    this.clock = clock;
  }

  private static ThreadFactory starterThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "campaign-starter-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @PreDestroy
  void close() {
    starting.shutdownNow();
  }

  /** Freezes the audience of a draft campaign; a campaign past its draft is left as it is. */
  public void prepare(UUID campaignId) {
    campaigns.freezeAudience(campaignId);
  }

  public PageResult enrolPage(UUID campaignId, UUID cursor, int pageSize) {
    Campaign campaign =
        campaigns.find(campaignId).orElseThrow(() -> new NotFoundException("campaign", campaignId));
    SequenceVersion version = catalog.versionById(campaign.sequenceVersionId());
    List<UUID> page = campaigns.audiencePage(campaignId, cursor, pageSize);
    if (page.isEmpty()) {
      return new PageResult(0, 0, cursor == null ? null : cursor.toString(), true);
    }
    Map<UUID, Member> decided = campaigns.members(campaignId, page);
    int position = campaigns.decided(campaignId);
    int enrolled = 0;
    int skipped = 0;
    List<UUID> toStart = new ArrayList<>();
    for (UUID prospectId : page) {
      Member member = decided.get(prospectId);
      if (member == null) {
        int at = position++;
        member = tx.execute(status -> decide(campaign, version, prospectId, at));
      }
      if (member.outcome() == Member.Outcome.ENROLLED) {
        enrolled++;
        toStart.add(member.enrolmentId());
      } else {
        skipped++;
      }
    }
    startAll(toStart, version);
    return new PageResult(
        enrolled, skipped, page.get(page.size() - 1).toString(), page.size() < pageSize);
  }

  /**
   * Starts the page's enrolments a few at a time: a start is a round trip to Temporal, and a page
   * of them one after another would keep the launch waiting on the network.
   */
  private void startAll(List<UUID> enrolmentIds, SequenceVersion version) {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (UUID id : enrolmentIds) {
      starts.add(
          CompletableFuture.runAsync(() -> starter.start(enrolments.get(id), version), starting));
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      // The activity fails and is retried: the enrolments stored stay decided, and are started
      // then.
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private Member decide(Campaign campaign, SequenceVersion version, UUID prospectId, int position) {
    Member member = tryEnrol(campaign, version, prospectId, position);
    campaigns.decide(campaign.id(), member);
    return member;
  }

  private Member tryEnrol(
      Campaign campaign, SequenceVersion version, UUID prospectId, int position) {
    Prospect prospect;
    try {
      prospect = prospects.get(prospectId);
    } catch (NotFoundException e) {
      return skip(prospectId, position, SkipReason.PROSPECT_NOT_FOUND, null);
    }
    Optional<FieldProblem> suppressed = suppression.refusal(version, prospect, "prospect");
    if (suppressed.isPresent()) {
      return skip(prospectId, position, SkipReason.SUPPRESSED, suppressed.get().reason());
    }
    if (prospect.emailUndeliverable()
        && !(Copy.reachable(prospect, Medium.LINKEDIN) && uses(version, Medium.LINKEDIN))) {
      return skip(
          prospectId,
          position,
          SkipReason.INVALID_ADDRESS,
          "the email address failed verification or bounced, and no LinkedIn step reaches them");
    }
    String seatId = campaign.seatIds().get(position % campaign.seatIds().size());
    List<FieldProblem> problems = copy.problems(version, prospect, "prospect");
    if (problems.isEmpty() && ledger.seat(seatId).freeAccount()) {
      problems.addAll(copy.freeAccountProblems(version, prospect, seatId));
    }
    if (!problems.isEmpty()) {
      return skip(
          prospectId,
          position,
          reasonOf(problems),
          problems.stream()
              .map(p -> p.field() + ": " + p.reason())
              .collect(Collectors.joining("; ")));
    }
    if (!campaign.allowActiveElsewhere()) {
      Optional<UUID> elsewhere = campaigns.liveElsewhere(prospectId, campaign.sequenceId());
      if (elsewhere.isPresent()) {
        return skip(
            prospectId,
            position,
            SkipReason.ACTIVE_ELSEWHERE,
            "live in another sequence: enrolment " + elsewhere.get());
      }
    }
    String mailboxId =
        campaign.mailboxIds().isEmpty()
            ? null
            : campaign.mailboxIds().get(position % campaign.mailboxIds().size());
    Optional<UUID> enrolment = campaigns.insertEnrolment(campaign, prospectId, seatId, mailboxId);
    if (enrolment.isEmpty()) {
      return skip(
          prospectId,
          position,
          SkipReason.ALREADY_ENROLLED,
          enrolments
              .live(campaign.sequenceId(), prospectId)
              .map(e -> "live in this sequence already: enrolment " + e.id())
              .orElse("live in this sequence already"));
    }
    return new Member(
        prospectId, position, Member.Outcome.ENROLLED, null, null, enrolment.get(), clock.now());
  }

  private Member skip(UUID prospectId, int position, SkipReason reason, String detail) {
    return new Member(
        prospectId, position, Member.Outcome.SKIPPED, reason, detail, null, clock.now());
  }

  private static boolean uses(SequenceVersion version, Medium medium) {
    return version.steps().stream().anyMatch(s -> s.channel().medium() == medium);
  }

  /** The one reason a launch reports for the copy problems of a prospect, the weightiest first. */
  static SkipReason reasonOf(List<FieldProblem> problems) {
    if (problems.stream().anyMatch(p -> p.field().endsWith("checklist.trigger"))) {
      return SkipReason.NO_TRIGGER;
    }
    if (problems.stream().anyMatch(p -> p.reason().startsWith("no value for placeholder"))) {
      return SkipReason.MISSING_PLACEHOLDER;
    }
    if (problems.stream().anyMatch(p -> p.reason().startsWith("has neither an email nor"))) {
      return SkipReason.UNREACHABLE;
    }
    return SkipReason.COPY_PROBLEM;
  }
}
