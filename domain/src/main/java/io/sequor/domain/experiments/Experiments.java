package io.sequor.domain.experiments;

import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.events.EventType;
import io.sequor.domain.experiments.stats.Arm;
import io.sequor.domain.experiments.stats.BetaBinomial;
import io.sequor.domain.experiments.stats.FisherExact;
import io.sequor.domain.experiments.stats.Interval;
import io.sequor.domain.experiments.stats.Verdicts;
import io.sequor.domain.sequences.ExperimentSpec;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.sequences.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs experiments: gives each enrolment its variant at the step, reports how the variants did, and
 * ends an experiment when its stop rule is met or a person names the winner.
 */
@Service
public class Experiments {

  /** How sure a sentence must be to say "adopt" when the experiment sets no probability. */
  static final double DEFAULT_THRESHOLD = 0.95;

  /** The mass of the credible interval a report gives for each difference. */
  static final double CREDIBLE_MASS = 0.95;

  private final ExperimentStore store;
  private final JdbcClient jdbc;

  Experiments(ExperimentStore store, JdbcClient jdbc) {
    this.store = store;
    this.jdbc = jdbc;
  }

  /**
   * The variant the enrolment sends at this step of its version, fixed at the first attempt: a
   * retry gets the variant stored then. A running experiment hands variants out in turn (round
   * robin), a SEGMENT experiment by the prospect's segment, an ended one gives its winner. The stop
   * rule is checked before each new assignment.
   *
   * @param segment the prospect's segment, or null
   * @return "A" (the step's own copy) when the step runs no experiment
   */
  @Transactional
  public String variantFor(UUID enrolmentId, UUID versionId, StepDefinition step, String segment) {
    if (!step.runsExperiment()) {
      return StepDefinition.CONTROL;
    }
    Optional<String> stored = store.assignment(enrolmentId, step.key());
    if (stored.isPresent()) {
      return stored.get();
    }
    Optional<Experiment> found = store.find(versionId, step.key());
    if (found.isEmpty()) {
      return StepDefinition.CONTROL;
    }
    Experiment experiment = stopIfDue(found.get());
    String variant;
    if (experiment.status() == Experiment.Status.ENDED) {
      variant = experiment.winner();
    } else if (experiment.varies() == ExperimentSpec.Varies.SEGMENT) {
      variant =
          step.variants().stream()
              .filter(v -> segment != null && segment.equals(v.segment()))
              .map(Variant::key)
              .findFirst()
              .orElse(StepDefinition.CONTROL);
    } else {
      Optional<Long> slot = store.nextSlot(experiment.id());
      variant =
          slot.isPresent()
              ? experiment.variants().get((int) (slot.get() % experiment.variants().size()))
              // Ended between the check and the increment: the winner is set now.
              : store.get(experiment.workspaceId(), experiment.id()).winner();
    }
    return store.assign(enrolmentId, step.key(), experiment.id(), variant);
  }

  /** The experiment and how its variants did; ends it first if its stop rule is met. */
  @Transactional
  public ExperimentReport report(UUID workspaceId, UUID id) {
    Experiment experiment = stopIfDue(store.get(workspaceId, id));
    return report(experiment, counts(experiment));
  }

  /**
   * Ends a running experiment by hand; new enrolments get the winner from now on.
   *
   * @throws InvalidInputException naming {@code winner} when it is not one of the variants
   * @throws ConflictException when the experiment has ended already
   */
  @Transactional
  public ExperimentReport end(UUID workspaceId, UUID id, String winner) {
    Experiment experiment = store.get(workspaceId, id);
    if (winner == null || !experiment.variants().contains(winner)) {
      throw new InvalidInputException(
          "winner", "must be one of the experiment's variants " + experiment.variants());
    }
    if (!store.end(id, winner, "ended by hand with winner " + winner)) {
      Experiment ended = store.get(workspaceId, id);
      throw new ConflictException(
          "the experiment ended already (" + ended.endedReason() + ")", id.toString());
    }
    return report(workspaceId, id);
  }

  private Experiment stopIfDue(Experiment experiment) {
    if (experiment.status() != Experiment.Status.RUNNING) {
      return experiment;
    }
    Optional<Ending> ending = StopRule.check(experiment, arms(experiment, counts(experiment)));
    if (ending.isEmpty()) {
      return experiment;
    }
    // Another send may have ended it a moment ago: its ending stands, either way it is read back.
    store.end(experiment.id(), ending.get().winner(), ending.get().reason());
    return store.get(experiment.workspaceId(), experiment.id());
  }

  /** Why and with which winner an experiment ends. */
  record Ending(String winner, String reason) {}

  /** One variant's raw counts. */
  record Counts(long sends, long replies, long positive) {}

  /** Each variant's counts, from the event log and the reply classifications. */
  Map<String, Counts> counts(Experiment experiment) {
    Map<String, Long> sends = new HashMap<>();
    Map<String, Long> replies = new HashMap<>();
    Map<String, Long> positive = new HashMap<>();
    jdbc.sql(
            "SELECT variant, count(DISTINCT enrolment_id) AS n FROM events"
                + " WHERE sequence_version_id = ? AND step_key = ? AND type = ?"
                + " AND variant IS NOT NULL GROUP BY variant")
        .params(
            experiment.sequenceVersionId(), experiment.stepKey(), EventType.STEP_SENT.wireName())
        .query(
            rs -> {
              sends.put(rs.getString("variant"), rs.getLong("n"));
            });
    // The enrolment's first human reply counts, for the step it is attributed to.
    jdbc.sql(
            "SELECT variant, count(*) AS n FROM (SELECT DISTINCT ON (enrolment_id) enrolment_id,"
                + " step_key, variant FROM events WHERE sequence_version_id = ? AND type = ?"
                + " ORDER BY enrolment_id, occurred_at, seq) first_reply"
                + " WHERE step_key = ? AND variant IS NOT NULL GROUP BY variant")
        .params(
            experiment.sequenceVersionId(),
            EventType.RESPONSE_REPLIED.wireName(),
            experiment.stepKey())
        .query(
            rs -> {
              replies.put(rs.getString("variant"), rs.getLong("n"));
            });
    jdbc.sql(
            "SELECT ev.variant, count(DISTINCT ev.enrolment_id) AS n FROM events ev"
                + " JOIN reply_classifications rc ON rc.event_id = ev.id"
                + " WHERE ev.sequence_version_id = ? AND ev.step_key = ? AND ev.type = ?"
                + " AND ev.variant IS NOT NULL"
                + " AND COALESCE(rc.override_class, rc.rule_class) = 'POSITIVE'"
                + " GROUP BY ev.variant")
        .params(
            experiment.sequenceVersionId(),
            experiment.stepKey(),
            EventType.RESPONSE_REPLIED.wireName())
        .query(
            rs -> {
              positive.put(rs.getString("variant"), rs.getLong("n"));
            });
    Map<String, Counts> counts = new LinkedHashMap<>();
    for (String key : experiment.variants()) {
      long n = sends.getOrDefault(key, 0L);
      counts.put(
          key,
          new Counts(
              n,
              Math.min(n, replies.getOrDefault(key, 0L)),
              Math.min(n, positive.getOrDefault(key, 0L))));
    }
    return counts;
  }

  /** The arms on the experiment's own metric, the control first. */
  static List<Arm> arms(Experiment experiment, Map<String, Counts> counts) {
    return experiment.variants().stream()
        .map(
            key -> {
              Counts c = counts.get(key);
              long successes =
                  experiment.metric() == ExperimentSpec.Metric.POSITIVE
                      ? c.positive()
                      : c.replies();
              return new Arm(key, c.sends(), successes);
            })
        .toList();
  }

  private ExperimentReport report(Experiment experiment, Map<String, Counts> counts) {
    Map<String, Long> assigned = store.assignedCounts(experiment.id());
    List<ExperimentReport.ArmResult> arms = new ArrayList<>();
    for (String key : experiment.variants()) {
      Counts c = counts.get(key);
      arms.add(
          new ExperimentReport.ArmResult(
              key,
              assigned.getOrDefault(key, 0L),
              c.sends(),
              c.replies(),
              c.positive(),
              rate(c.replies(), c.sends()),
              rate(c.positive(), c.sends())));
    }
    double threshold =
        experiment.stopAtProbability() != null && experiment.stopAtProbability() > 0.5
            ? experiment.stopAtProbability()
            : DEFAULT_THRESHOLD;
    String controlKey = experiment.variants().get(0);
    Counts control = counts.get(controlKey);
    List<ExperimentReport.Comparison> comparisons = new ArrayList<>();
    for (String key : experiment.variants().subList(1, experiment.variants().size())) {
      Counts c = counts.get(key);
      for (ExperimentSpec.Metric metric : ExperimentSpec.Metric.values()) {
        boolean positive = metric == ExperimentSpec.Metric.POSITIVE;
        Arm candidate = new Arm(key, c.sends(), positive ? c.positive() : c.replies());
        Arm base =
            new Arm(controlKey, control.sends(), positive ? control.positive() : control.replies());
        Interval difference = BetaBinomial.difference(candidate, base, CREDIBLE_MASS);
        comparisons.add(
            new ExperimentReport.Comparison(
                key,
                controlKey,
                metric.name(),
                BetaBinomial.probabilityBeats(candidate, base),
                difference.lower(),
                difference.upper(),
                FisherExact.twoSidedP(candidate, base),
                Verdicts.sentence(candidate, base, metricName(metric), threshold)));
      }
    }
    return new ExperimentReport(experiment, arms, comparisons);
  }

  static String metricName(ExperimentSpec.Metric metric) {
    return metric == ExperimentSpec.Metric.POSITIVE ? "positive reply rate" : "reply rate";
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
