package io.sequor.domain.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Offset.offset;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.config.TestProperties;
import io.sequor.domain.config.TestStore;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.domain.sequences.ExperimentSpec;
import io.sequor.domain.sequences.ExperimentSpec.Varies;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceRules;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.sequences.Variant;
import io.sequor.domain.workspaces.Workspaces;
import io.sequor.workflows.sequence.Channel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Experiments on a real PostgreSQL: saved with their version, variants handed out in turn and kept
 * for retries, and ended by the stop rule or by hand, after which new enrolments get the winner.
 */
@SpringJUnitConfig(ExperimentsTest.Config.class)
class ExperimentsTest {

  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  @Configuration(proxyBeanMethods = false)
  @Import({
    TestStore.class,
    EventLog.class,
    EnrolmentStore.class,
    SequenceCatalog.class,
    SequenceRules.class,
    ExperimentStore.class,
    Experiments.class
  })
  static class Config {
    @Bean
    SequorClock sequorClock() {
      return () -> NOW;
    }

    @Bean
    SequorProperties sequorProperties() {
      return TestProperties.bind(Map.of());
    }
  }

  @Autowired SequenceCatalog catalog;
  @Autowired ExperimentStore store;
  @Autowired Experiments experiments;
  @Autowired EnrolmentStore enrolments;
  @Autowired EventLog events;
  @Autowired JdbcClient jdbc;

  private static StepDefinition step(ExperimentSpec spec, Variant... variants) {
    return new StepDefinition(
        "day-0",
        Channel.EMAIL,
        0,
        "Launch at {{company}}",
        "Hi {{first_name}}, worth a look?",
        null,
        null,
        List.of(variants),
        spec);
  }

  private static Variant subject(String key) {
    return new Variant(key, "Subject " + key, null, null, null);
  }

  private SequenceVersion save(StepDefinition step) {
    return catalog
        .create(
            Workspaces.DEFAULT, UUID.randomUUID(), "exp-" + UUID.randomUUID(), List.of(step), false)
        .version();
  }

  private UUID enrol(SequenceVersion version) {
    UUID prospect = UUID.randomUUID();
    String seat = "seat-" + prospect;
    Timestamp now = Timestamp.from(NOW);
    jdbc.sql("INSERT INTO prospects (id, email, created_at, updated_at) VALUES (?, ?, ?, ?)")
        .params(prospect, prospect + "@example.com", now, now)
        .update();
    jdbc.sql("INSERT INTO seats (id, name, created_at) VALUES (?, ?, ?)")
        .params(seat, seat, now)
        .update();
    EnrolmentStore.Insert insert =
        enrolments.insert(prospect, version.sequenceId(), version.id(), seat, null, null);
    return ((EnrolmentStore.Insert.Created) insert).enrolment().id();
  }

  private String assign(SequenceVersion version, UUID enrolment) {
    return experiments.variantFor(enrolment, version.id(), version.steps().get(0), null);
  }

  /** The step goes out with the enrolment's variant, and the prospect replies or not. */
  private UUID send(SequenceVersion version, UUID enrolment, boolean replies) {
    assign(version, enrolment);
    events.append(
        EventType.STEP_SENT, enrolment, "day-0", "EMAIL", Map.of(), NOW, "sent-" + enrolment);
    if (!replies) {
      return null;
    }
    return events
        .append(
            EventType.RESPONSE_REPLIED,
            enrolment,
            null,
            "EMAIL",
            Map.of(),
            NOW.plus(Duration.ofHours(5)),
            "reply-" + enrolment)
        .orElseThrow();
  }

  /** The reply's classification: what the rules found, and a person's override, if any. */
  private void classify(UUID enrolment, UUID event, String ruleClass, String overrideClass) {
    UUID response = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO responses (id, enrolment_id, channel, kind, occurred_at, recorded_at)"
                + " VALUES (?, ?, 'EMAIL', 'REPLY', ?, ?)")
        .params(response, enrolment, Timestamp.from(NOW), Timestamp.from(NOW))
        .update();
    jdbc.sql(
            "INSERT INTO reply_classifications (response_id, event_id, workspace_id, enrolment_id,"
                + " signal, rule_class, override_class, classified_at)"
                + " VALUES (?, ?, ?, ?, 'TEST', ?, ?, ?)")
        .params(
            response,
            event,
            Workspaces.DEFAULT,
            enrolment,
            ruleClass,
            overrideClass,
            Timestamp.from(NOW))
        .update();
  }

  private static Map<String, Long> tally(List<String> variants) {
    return variants.stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void savingAVersionOpensARunningExperimentOnTheStepWithVariants() {
    SequenceVersion version =
        save(
            step(new ExperimentSpec(Varies.SUBJECT, null, 0.95, null), subject("B"), subject("C")));

    Experiment experiment = store.find(version.id(), "day-0").orElseThrow();

    assertThat(experiment.status()).isEqualTo(Experiment.Status.RUNNING);
    assertThat(experiment.variants()).containsExactly("A", "B", "C");
    assertThat(experiment.metric()).isEqualTo(ExperimentSpec.Metric.REPLY);
    assertThat(experiment.stopAtProbability()).isEqualTo(0.95);
    assertThat(catalog.versionById(version.id()).steps().get(0).variants())
        .containsExactly(subject("B"), subject("C"));
  }

  @Test
  void roundRobinHandsVariantsOutInTurnAndARetryGetsTheSameOne() {
    SequenceVersion version =
        save(
            step(new ExperimentSpec(Varies.SUBJECT, null, null, null), subject("B"), subject("C")));
    List<UUID> enrolled = new ArrayList<>();
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      UUID enrolment = enrol(version);
      enrolled.add(enrolment);
      first.add(assign(version, enrolment));
    }

    assertThat(first).containsExactly("A", "B", "C", "A", "B", "C", "A");
    assertThat(enrolled.stream().map(e -> assign(version, e)).toList()).isEqualTo(first);
    assertThat(store.assignment(enrolled.get(1), "day-0")).contains("B");
  }

  @Test
  void concurrentSendsStayBalanced() throws Exception {
    SequenceVersion version =
        save(step(new ExperimentSpec(Varies.SUBJECT, null, null, null), subject("B")));
    List<UUID> enrolled = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      enrolled.add(enrol(version));
    }
    List<String> variants = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (UUID e : enrolled) {
        futures.add(pool.submit(() -> assign(version, e)));
      }
      for (Future<String> f : futures) {
        variants.add(f.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(tally(variants)).containsEntry("A", 20L).containsEntry("B", 20L);
  }

  @Test
  void afterTheSendsPerVariantTheBestVariantWinsAndNewEnrolmentsGetIt() {
    SequenceVersion version =
        save(step(new ExperimentSpec(Varies.SUBJECT, null, null, 3), subject("B")));
    for (int i = 0; i < 6; i++) {
      UUID enrolment = enrol(version);
      // A and B alternate; only B's prospects reply.
      send(version, enrolment, i % 2 == 1);
    }
    Experiment running = store.find(version.id(), "day-0").orElseThrow();
    assertThat(running.status()).isEqualTo(Experiment.Status.RUNNING);

    List<String> later = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      later.add(assign(version, enrol(version)));
    }

    Experiment ended = store.find(version.id(), "day-0").orElseThrow();
    assertThat(ended.status()).isEqualTo(Experiment.Status.ENDED);
    assertThat(ended.winner()).isEqualTo("B");
    assertThat(ended.endedReason()).startsWith("every variant had 3 sends or more; B has the");
    assertThat(later).containsOnly("B");
    ExperimentReport report = experiments.report(Workspaces.DEFAULT, ended.id());
    assertThat(report.arms())
        .extracting(
            ExperimentReport.ArmResult::variant,
            ExperimentReport.ArmResult::sends,
            ExperimentReport.ArmResult::replies)
        .containsExactly(tuple("A", 3L, 0L), tuple("B", 3L, 3L));
    assertThat(report.comparisons())
        .extracting(ExperimentReport.Comparison::variant, ExperimentReport.Comparison::metric)
        .containsExactly(tuple("B", "REPLY"), tuple("B", "POSITIVE"));
    assertThat(report.comparisons().get(0).probabilityBeatsControl()).isGreaterThan(0.95);
  }

  /**
   * Done-when 3: 3 replies in 40 sends against 8 in 40. The references are computed here from
   * closed forms, not by the statistics code: P(p_B &gt; p_A) for Beta(9, 33) against Beta(4, 38)
   * is the finite sum of Beta functions (all parameters are integers), 0.9421667...; Fisher's
   * two-sided p is the sum of the hypergeometric probabilities no larger than the observed one's,
   * 0.1926608...
   */
  @Test
  void theReportOnThreeOfFortyAgainstEightOfFortyMatchesTheClosedForms() {
    SequenceVersion version =
        save(step(new ExperimentSpec(Varies.SUBJECT, null, null, null), subject("B")));
    int repliesA = 0;
    int repliesB = 0;
    for (int i = 0; i < 80; i++) {
      UUID enrolment = enrol(version);
      boolean b = assign(version, enrolment).equals("B");
      boolean replies = b ? repliesB++ < 8 : repliesA++ < 3;
      UUID reply = send(version, enrolment, replies);
      // Positive in force: A's first reply is overridden away, B's fourth is overridden in.
      if (reply != null && !b && repliesA == 1) {
        classify(enrolment, reply, "POSITIVE", "NEGATIVE");
      } else if (reply != null && !b && repliesA == 2) {
        classify(enrolment, reply, "POSITIVE", null);
      } else if (reply != null && b && repliesB <= 3) {
        classify(enrolment, reply, "POSITIVE", null);
      } else if (reply != null && b && repliesB == 4) {
        classify(enrolment, reply, "NEUTRAL", "POSITIVE");
      }
    }

    ExperimentReport report =
        experiments.report(
            Workspaces.DEFAULT, store.find(version.id(), "day-0").orElseThrow().id());

    assertThat(report.arms())
        .extracting(
            ExperimentReport.ArmResult::variant,
            ExperimentReport.ArmResult::sends,
            ExperimentReport.ArmResult::replies,
            ExperimentReport.ArmResult::positiveReplies)
        .containsExactly(tuple("A", 40L, 3L, 1L), tuple("B", 40L, 8L, 4L));
    ExperimentReport.Comparison reply = report.comparisons().get(0);
    assertThat(reply.metric()).isEqualTo("REPLY");
    assertThat(reply.probabilityBeatsControl())
        .isCloseTo(probabilityBeats(9, 33, 4, 38), offset(0.0005));
    assertThat(reply.probabilityBeatsControl()).isCloseTo(0.942, offset(0.0005));
    assertThat(reply.fisherP()).isCloseTo(fisherTwoSided(80, 11, 40, 3), offset(0.0005));
    assertThat(reply.fisherP()).isCloseTo(0.193, offset(0.0005));
    assertThat(reply.differenceLower()).isLessThan(0.0);
    assertThat(reply.differenceUpper()).isGreaterThan(0.125);
    assertThat(reply.sentence())
        .isEqualTo(
            "B beats A on reply rate with 94% probability after 40 and 40 sends; keep testing");
    assertThat(report.comparisons().get(1).metric()).isEqualTo("POSITIVE");
    assertThat(report.experiment().status()).isEqualTo(Experiment.Status.RUNNING);
  }

  /** P(X &gt; Y) for X ~ Beta(a, b), Y ~ Beta(c, d), integer parameters (Evan Miller's sum). */
  private static double probabilityBeats(int a, int b, int c, int d) {
    MathContext mc = new MathContext(60);
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < a; i++) {
      BigDecimal term =
          beta(c + i, d + b, mc)
              .divide(
                  BigDecimal.valueOf(b + i)
                      .multiply(beta(1 + i, b, mc), mc)
                      .multiply(beta(c, d, mc), mc),
                  mc);
      sum = sum.add(term, mc);
    }
    return sum.doubleValue();
  }

  private static BigDecimal beta(int a, int b, MathContext mc) {
    return new BigDecimal(factorial(a - 1).multiply(factorial(b - 1)))
        .divide(new BigDecimal(factorial(a + b - 1)), mc);
  }

  private static BigInteger factorial(int n) {
    BigInteger f = BigInteger.ONE;
    for (int k = 2; k <= n; k++) {
      f = f.multiply(BigInteger.valueOf(k));
    }
    return f;
  }

  private static BigInteger choose(int n, int k) {
    return factorial(n).divide(factorial(k).multiply(factorial(n - k)));
  }

  /** Fisher's two-sided p with N sends, K successes, n sends in the first arm, x its successes. */
  private static double fisherTwoSided(int total, int successes, int first, int observed) {
    BigInteger observedWays =
        choose(successes, observed).multiply(choose(total - successes, first - observed));
    BigInteger ways = BigInteger.ZERO;
    for (int x = 0; x <= Math.min(successes, first); x++) {
      BigInteger w = choose(successes, x).multiply(choose(total - successes, first - x));
      if (w.compareTo(observedWays) <= 0) {
        ways = ways.add(w);
      }
    }
    return new BigDecimal(ways)
        .divide(new BigDecimal(choose(total, first)), new MathContext(30))
        .doubleValue();
  }

  @Test
  void aVariantThatBeatsTheControlWithTheChosenProbabilityWins() {
    SequenceVersion version =
        save(step(new ExperimentSpec(Varies.SUBJECT, null, 0.9, null), subject("B")));
    for (int i = 0; i < 12; i++) {
      send(version, enrol(version), i % 2 == 1 && i < 10);
    }

    String next = assign(version, enrol(version));

    Experiment ended = store.find(version.id(), "day-0").orElseThrow();
    assertThat(ended.status()).isEqualTo(Experiment.Status.ENDED);
    assertThat(ended.winner()).isEqualTo("B");
    assertThat(ended.endedReason()).startsWith("B beat A on reply rate with probability 0.9");
    assertThat(next).isEqualTo("B");
  }

  @Test
  void aSegmentExperimentRoutesBySegmentAndOthersGetTheControl() {
    SequenceVersion version =
        save(
            step(
                new ExperimentSpec(Varies.SEGMENT, null, null, null),
                new Variant("B", null, null, null, "fintech")));
    StepDefinition step = version.steps().get(0);

    assertThat(experiments.variantFor(enrol(version), version.id(), step, "fintech"))
        .isEqualTo("B");
    assertThat(experiments.variantFor(enrol(version), version.id(), step, "retail")).isEqualTo("A");
    assertThat(experiments.variantFor(enrol(version), version.id(), step, null)).isEqualTo("A");
  }

  @Test
  void aPersonEndsItByNamingAWinnerOnceOnly() {
    SequenceVersion version =
        save(step(new ExperimentSpec(Varies.SUBJECT, null, null, null), subject("B")));
    UUID id = store.find(version.id(), "day-0").orElseThrow().id();
    UUID before = enrol(version);
    assertThat(assign(version, before)).isEqualTo("A");

    assertThatThrownBy(() -> experiments.end(Workspaces.DEFAULT, id, "Z"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.problems().get(0).field()).isEqualTo("winner"));
    ExperimentReport report = experiments.end(Workspaces.DEFAULT, id, "B");
    assertThat(report.experiment().status()).isEqualTo(Experiment.Status.ENDED);
    assertThat(report.experiment().winner()).isEqualTo("B");
    assertThatThrownBy(() -> experiments.end(Workspaces.DEFAULT, id, "A"))
        .isInstanceOf(ConflictException.class);
    assertThat(List.of(assign(version, enrol(version)), assign(version, enrol(version))))
        .containsOnly("B");
    assertThat(assign(version, before)).as("a retry keeps the variant it was sent").isEqualTo("A");
  }

  @Test
  void anotherWorkspacesExperimentIsNotFound() {
    SequenceVersion version =
        save(step(new ExperimentSpec(Varies.SUBJECT, null, null, null), subject("B")));
    UUID id = store.find(version.id(), "day-0").orElseThrow().id();

    assertThatThrownBy(() -> experiments.report(UUID.randomUUID(), id))
        .isInstanceOf(NotFoundException.class);
  }
}
