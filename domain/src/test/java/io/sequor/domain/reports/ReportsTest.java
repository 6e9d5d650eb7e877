package io.sequor.domain.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.config.TestProperties;
import io.sequor.domain.config.TestStore;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.domain.workspaces.Workspaces;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Each metric definition of docs/metrics.md on hand-built events in a real PostgreSQL. Every test
 * builds its own sequence, so its report sees only its own enrolments.
 */
@SpringJUnitConfig(ReportsTest.Config.class)
class ReportsTest {

  static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  static final AtomicReference<Instant> NOW = new AtomicReference<>(T0);

  @Configuration(proxyBeanMethods = false)
  @Import({TestStore.class, EventLog.class, EnrolmentStore.class, Reports.class})
  static class Config {
    @Bean
    SequorClock sequorClock() {
      return NOW::get;
    }

    @Bean
    SequorProperties sequorProperties() {
      return TestProperties.bind(
          Map.of(
              "mail.from", "outreach@example.com",
              "linkedin.plans.navigator.monthly-credits", "50",
              "linkedin.plans.navigator.cost-per-credit", "2.50",
              "linkedin.plans.cheap.monthly-credits", "5",
              "linkedin.plans.cheap.cost-per-credit", "1"));
    }
  }

  @Autowired Reports reports;
  @Autowired EventLog events;
  @Autowired EnrolmentStore enrolments;
  @Autowired JdbcClient jdbc;

  UUID sequence;
  UUID version;
  String seat;

  @BeforeEach
  void newSequence() {
    NOW.set(T0.plus(Duration.ofDays(30)));
    sequence = UUID.randomUUID();
    version = UUID.randomUUID();
    seat = "seat-" + sequence.toString().substring(0, 8);
    Timestamp now = Timestamp.from(T0);
    jdbc.sql("INSERT INTO sequences (id, name, created_at) VALUES (?, ?, ?)")
        .params(sequence, "s-" + sequence, now)
        .update();
    jdbc.sql(
            "INSERT INTO sequence_versions (id, sequence_id, version, definition, created_at)"
                + " VALUES (?, ?, 1, '{}'::jsonb, ?)")
        .params(version, sequence, now)
        .update();
    jdbc.sql("INSERT INTO seats (id, name, created_at, plan) VALUES (?, ?, ?, 'navigator')")
        .params(seat, seat, now)
        .update();
  }

  @Test
  void aBouncedMessageIsNotDeliveredAndCountsAsABounce() {
    UUID bounced = enrol("fintech");
    sent(bounced, "day-0-email", "EMAIL", T0);
    response(EventType.RESPONSE_BOUNCED, bounced, "EMAIL", T0.plusSeconds(60));
    UUID kept = enrol("fintech");
    sent(kept, "day-0-email", "EMAIL", T0);

    Report report = report(null, null, Breakdown.STEP);

    assertThat(report.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.key()).isEqualTo("day-0-email");
              assertThat(row.delivered()).isEqualTo(1);
              assertThat(row.bounces()).isEqualTo(1);
            });
    assertThat(report.total().delivered()).isEqualTo(1);
    assertThat(report.total().bounces()).isEqualTo(1);
  }

  @Test
  void anOutOfOfficeNeverCountsAsAReply() {
    UUID away = enrol("fintech");
    sent(away, "day-0-email", "EMAIL", T0);
    response(EventType.RESPONSE_AUTO_REPLIED, away, "EMAIL", T0.plusSeconds(30));

    Metrics total = report(null, null, null).total();

    assertThat(total.delivered()).isEqualTo(1);
    assertThat(total.outOfOffice()).isEqualTo(1);
    assertThat(total.replies()).isZero();
    assertThat(total.replyRate()).isZero();
    assertThat(total.timeToFirstReply().medianSeconds()).isNull();
  }

  @Test
  void onlyTheFirstHumanReplyCountsOnTheMessageItIsAttributedTo() {
    UUID id = enrol("fintech");
    sent(id, "day-0-inmail", "LINKEDIN_INMAIL", T0);
    sent(id, "day-0-email", "EMAIL", T0.plusSeconds(60));
    UUID first = response(EventType.RESPONSE_REPLIED, id, "EMAIL", T0.plus(Duration.ofHours(2)));
    response(EventType.RESPONSE_REPLIED, id, "LINKEDIN", T0.plus(Duration.ofHours(5)));
    classify(id, first, "POSITIVE", null);

    Report byStep = report(null, null, Breakdown.STEP);

    assertThat(byStep.rows())
        .extracting(Metrics::key)
        .containsExactly("day-0-email", "day-0-inmail");
    Metrics email = byStep.rows().get(0);
    assertThat(email.replies()).isEqualTo(1);
    assertThat(email.positiveReplies()).isEqualTo(1);
    assertThat(email.timeToFirstReply().medianSeconds()).isEqualTo(2 * 3600.0 - 60);
    assertThat(byStep.rows().get(1).replies())
        .as("the later LinkedIn reply is not a first")
        .isZero();
    Metrics total = byStep.total();
    assertThat(total.delivered()).as("one enrolment").isEqualTo(1);
    assertThat(total.replies()).isEqualTo(1);
    assertThat(total.timeToFirstReply().medianSeconds())
        .as("from the first delivered message")
        .isEqualTo(2 * 3600.0);
    assertThat(total.timeToFirstReply().distribution().under24h()).isEqualTo(1);
  }

  @Test
  void anOverrideChangesThePositiveCountAndIsCounted() {
    UUID overridden = enrol("fintech");
    sent(overridden, "day-0-email", "EMAIL", T0);
    classify(
        overridden,
        response(EventType.RESPONSE_REPLIED, overridden, "EMAIL", T0.plusSeconds(600)),
        "NEUTRAL",
        "POSITIVE");
    UUID ruled = enrol("fintech");
    sent(ruled, "day-0-email", "EMAIL", T0);
    classify(
        ruled,
        response(EventType.RESPONSE_REPLIED, ruled, "EMAIL", T0.plusSeconds(900)),
        "POSITIVE",
        "NEGATIVE");

    Metrics total = report(null, null, null).total();

    assertThat(total.replies()).isEqualTo(2);
    assertThat(total.positiveReplies()).isEqualTo(1);
    assertThat(total.overridden()).isEqualTo(2);
    assertThat(total.timeToFirstReply().medianSeconds()).isEqualTo(750.0);
    assertThat(total.timeToFirstReply().p25Seconds()).isEqualTo(675.0);
  }

  @Test
  void messagesAreTheCohortOfTheirSendTimeAndTheirRepliesCountWheneverTheyCame() {
    UUID early = enrol("fintech");
    sent(early, "day-0-email", "EMAIL", T0.minus(Duration.ofDays(3)));
    response(EventType.RESPONSE_REPLIED, early, "EMAIL", T0.plus(Duration.ofDays(1)));
    UUID inRange = enrol("fintech");
    sent(inRange, "day-0-email", "EMAIL", T0);
    response(EventType.RESPONSE_REPLIED, inRange, "EMAIL", T0.plus(Duration.ofDays(20)));

    Metrics total = report(T0, T0.plus(Duration.ofDays(7)), null).total();

    assertThat(total.delivered()).isEqualTo(1);
    assertThat(total.replies()).as("replied after the range, counted").isEqualTo(1);
    assertThat(total.timeToFirstReply().medianSeconds()).isEqualTo(20 * 86400.0);
    assertThat(total.timeToFirstReply().distribution().over14d()).isEqualTo(1);
  }

  @Test
  void netCreditsAndMoneyUseEachSeatsPlan() {
    UUID refunded = enrol("fintech");
    credit(EventType.CREDIT_SPENT, refunded, "day-0-inmail", T0);
    sent(refunded, "day-0-inmail", "LINKEDIN_INMAIL", T0);
    response(EventType.RESPONSE_REPLIED, refunded, "LINKEDIN", T0.plus(Duration.ofHours(30)));
    credit(EventType.CREDIT_REFUNDED, refunded, "day-0-inmail", T0.plus(Duration.ofHours(30)));
    UUID released = enrol("fintech");
    credit(EventType.CREDIT_SPENT, released, "day-0-inmail", T0);
    credit(EventType.CREDIT_RELEASED, released, "day-0-inmail", T0.plusSeconds(5));
    failed(released, "day-0-inmail", "LINKEDIN_INMAIL", T0.plusSeconds(5));
    UUID kept = enrol("fintech");
    credit(EventType.CREDIT_SPENT, kept, "day-0-inmail", T0);
    sent(kept, "day-0-inmail", "LINKEDIN_INMAIL", T0);
    UUID cheap = enrol("healthtech", "cheap");
    credit(EventType.CREDIT_SPENT, cheap, "day-0-inmail", T0);
    sent(cheap, "day-0-inmail", "LINKEDIN_INMAIL", T0);

    Report report = report(null, null, Breakdown.SEGMENT);

    Metrics total = report.total();
    assertThat(total.credits()).isEqualTo(new Metrics.Credits(4, 1, 1, 2, 2));
    assertThat(total.failedSends()).isEqualTo(1);
    assertThat(total.delivered()).isEqualTo(3);
    assertThat(total.money().cost()).isEqualByComparingTo("3.50");
    assertThat(total.money().costPerReply()).isEqualByComparingTo("3.50");
    assertThat(total.money().costPerMeeting()).as("no meeting, nothing to divide by").isNull();
    assertThat(report.rows()).extracting(Metrics::key).containsExactly("fintech", "healthtech");
    assertThat(report.rows().get(0).money().cost()).isEqualByComparingTo(new BigDecimal("2.50"));
    assertThat(report.rows().get(1).money().cost()).isEqualByComparingTo(BigDecimal.ONE);
  }

  @Test
  void aCreditIsInTheRefundWindowForNinetyDaysOnTheEngineClock() {
    UUID id = enrol("fintech");
    credit(EventType.CREDIT_SPENT, id, "day-0-inmail", T0);
    sent(id, "day-0-inmail", "LINKEDIN_INMAIL", T0);

    NOW.set(T0.plus(Duration.ofDays(89)));
    assertThat(report(null, null, null).total().credits().inRefundWindow()).isEqualTo(1);

    NOW.set(T0.plus(Duration.ofDays(91)));
    Metrics.Credits later = report(null, null, null).total().credits();
    assertThat(later.inRefundWindow()).isZero();
    assertThat(later.net()).isEqualTo(1);
  }

  @Test
  void theFirstMeetingCountsOnItsAttributedMessage() {
    UUID id = enrol("fintech");
    sent(id, "day-0-email", "EMAIL", T0);
    sent(id, "day-3-email", "EMAIL", T0.plus(Duration.ofDays(3)));
    response(EventType.RESPONSE_REPLIED, id, "EMAIL", T0.plus(Duration.ofDays(4)));
    events.append(
        EventType.MEETING_BOOKED,
        id,
        null,
        null,
        Map.of(),
        T0.plus(Duration.ofDays(5)),
        "m1:" + id);
    events.append(
        EventType.MEETING_BOOKED,
        id,
        null,
        null,
        Map.of(),
        T0.plus(Duration.ofDays(6)),
        "m2:" + id);

    Report report = report(null, null, Breakdown.STEP);

    assertThat(report.total().meetings()).isEqualTo(1);
    assertThat(report.total().meetingRate()).isEqualTo(1.0);
    assertThat(report.rows())
        .extracting(Metrics::key, Metrics::meetings, Metrics::replies)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("day-0-email", 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("day-3-email", 1L, 1L));
  }

  @Test
  void theSeriesCountsByDayInTheZoneWithZerosForQuietDays() {
    UUID id = enrol("fintech");
    // 23:30 UTC on the 2nd is the 3rd in Berlin.
    sent(id, "day-0-email", "EMAIL", Instant.parse("2026-11-02T23:30:00Z"));
    credit(EventType.CREDIT_SPENT, id, "day-0-inmail", Instant.parse("2026-11-02T23:30:00Z"));
    response(EventType.RESPONSE_AUTO_REPLIED, id, "EMAIL", Instant.parse("2026-11-03T08:00:00Z"));
    response(EventType.RESPONSE_REPLIED, id, "EMAIL", Instant.parse("2026-11-05T10:00:00Z"));
    response(EventType.RESPONSE_REPLIED, id, "EMAIL", Instant.parse("2026-11-05T11:00:00Z"));

    Series utc = reports.series(target(), Range.parse("2026-11-01", "2026-11-06", "UTC"));
    Series berlin =
        reports.series(target(), Range.parse("2026-11-01", "2026-11-06", "Europe/Berlin"));

    assertThat(utc.days())
        .extracting(Series.Day::day)
        .containsExactly(
            LocalDate.parse("2026-11-01"),
            LocalDate.parse("2026-11-02"),
            LocalDate.parse("2026-11-03"),
            LocalDate.parse("2026-11-04"),
            LocalDate.parse("2026-11-05"));
    assertThat(utc.days()).extracting(Series.Day::delivered).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(utc.days()).extracting(Series.Day::creditsSpent).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(utc.days()).extracting(Series.Day::outOfOffice).containsExactly(0L, 0L, 1L, 0L, 0L);
    assertThat(utc.days()).extracting(Series.Day::replies).containsExactly(0L, 0L, 0L, 0L, 1L);
    assertThat(berlin.days()).extracting(Series.Day::delivered).containsExactly(0L, 0L, 1L, 0L, 0L);
  }

  @Test
  void theCsvHasAHeaderALinePerRowAndATotal() {
    UUID id = enrol("fintech");
    sent(id, "day-0-email", "EMAIL", T0);

    String csv = ReportCsv.write(report(null, null, Breakdown.STEP));

    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("line,dimension,value,delivered,replies,replyRate,");
    assertThat(lines.get(1)).startsWith("row,step,day-0-email,1,0,0.0,");
    assertThat(lines.get(2)).startsWith("total,,,1,0,0.0,").endsWith(",TOO_FEW,TOO_FEW,TOO_FEW");
  }

  @Test
  void anEmptyScopeAnswersZerosAndNoRows() {
    Report report = report(null, null, Breakdown.VARIANT);

    assertThat(report.total().delivered()).isZero();
    assertThat(report.total().replyRate()).isNull();
    assertThat(report.total().money().cost()).isEqualByComparingTo("0");
    assertThat(report.rows()).isEmpty();
  }

  @Nested
  class HealthFlags {
    @Test
    void judgesEachRateAgainstItsRangeOnceTheSampleIsLargeEnough() {
      Health weak = Health.of(100, 0.04, 0.02, 0.01);
      assertThat(weak.replyRate().level()).isEqualTo("WEAK");
      assertThat(weak.replyRate().message()).contains("weak targeting or offer");
      assertThat(weak.positiveReplyRate().level()).isEqualTo("BELOW");
      assertThat(weak.meetingRate().level()).isEqualTo("ON_TARGET");
      assertThat(Health.of(100, 0.07, 0.07, 0.05).replyRate().level()).isEqualTo("BELOW_TARGET");
      assertThat(Health.of(100, 0.10, 0.07, 0.05).replyRate().level()).isEqualTo("HEALTHY");
      assertThat(Health.of(100, 0.10, 0.07, 0.05).positiveReplyRate().level()).isEqualTo("ABOVE");
    }

    @Test
    void saysTooFewBelowTheMinimumSample() {
      Health few = Health.of(19, 0.0, 0.0, 0.0);
      assertThat(few.replyRate().level()).isEqualTo("TOO_FEW");
      assertThat(few.meetingRate().message()).contains("19 delivered");
    }
  }

  @Nested
  class BadInput {
    @Test
    void namesEachBadField() {
      assertThatThrownBy(() -> Range.parse("yesterday", "2026-13-01", "Mars/Olympus"))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.problems())
                      .extracting(p -> p.field())
                      .containsExactlyInAnyOrder("from", "to", "zone"));
      assertThatThrownBy(() -> Range.parse("2026-11-05", "2026-11-05T00:00:00Z", null))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("to"));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Report.Target target() {
    return new Report.Target(Workspaces.DEFAULT, Scope.SEQUENCE, sequence.toString());
  }

  private Report report(Instant from, Instant to, Breakdown by) {
    return reports.report(target(), new Range(from, to, java.time.ZoneOffset.UTC), by);
  }

  private UUID enrol(String segment) {
    return enrol(segment, null);
  }

  /** An enrolment of a new prospect in the segment, on the test's seat or a new one on a plan. */
  private UUID enrol(String segment, String plan) {
    UUID prospect = UUID.randomUUID();
    Timestamp now = Timestamp.from(T0);
    jdbc.sql(
            "INSERT INTO prospects (id, email, segment, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(prospect, prospect + "@example.com", segment, now, now)
        .update();
    String seatId = seat;
    if (plan != null) {
      seatId = "seat-" + prospect.toString().substring(0, 8);
      jdbc.sql("INSERT INTO seats (id, name, created_at, plan) VALUES (?, ?, ?, ?)")
          .params(seatId, seatId, now, plan)
          .update();
    }
    EnrolmentStore.Insert insert =
        enrolments.insert(prospect, sequence, version, seatId, null, null);
    return ((EnrolmentStore.Insert.Created) insert).enrolment().id();
  }

  private void sent(UUID enrolment, String step, String channel, Instant at) {
    events.append(
        EventType.STEP_SENT, enrolment, step, channel, Map.of(), at, "s:" + enrolment + step);
  }

  private void failed(UUID enrolment, String step, String channel, Instant at) {
    events.append(
        EventType.STEP_FAILED, enrolment, step, channel, Map.of(), at, "f:" + enrolment + step);
  }

  private void credit(EventType type, UUID enrolment, String step, Instant at) {
    events.append(type, enrolment, step, null, Map.of(), at, type + ":" + enrolment + step);
  }

  /** A response recorded as ResponseStore records it; answers the event's id. */
  private UUID response(EventType type, UUID enrolment, String channel, Instant at) {
    UUID responseId = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO responses (id, enrolment_id, channel, kind, occurred_at, recorded_at)"
                + " VALUES (?, ?, ?, 'REPLY', ?, ?)")
        .params(responseId, enrolment, channel, Timestamp.from(at), Timestamp.from(at))
        .update();
    UUID eventId =
        events
            .append(
                type,
                enrolment,
                null,
                channel,
                EventLog.data("responseId", responseId),
                at,
                "response:" + responseId)
            .orElseThrow();
    responses.put(eventId, responseId);
    return eventId;
  }

  private final Map<UUID, UUID> responses = new java.util.HashMap<>();

  private void classify(UUID enrolment, UUID eventId, String ruleClass, String overrideClass) {
    jdbc.sql(
            "INSERT INTO reply_classifications (response_id, event_id, workspace_id, enrolment_id,"
                + " signal, rule_class, override_class, classified_at)"
                + " VALUES (?, ?, ?, ?, 'TEST', ?, ?, ?)")
        .params(
            responses.get(eventId),
            eventId,
            Workspaces.DEFAULT,
            enrolment,
            ruleClass,
            overrideClass,
            Timestamp.from(T0))
        .update();
  }
}
