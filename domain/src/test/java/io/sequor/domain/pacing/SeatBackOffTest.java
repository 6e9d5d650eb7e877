package io.sequor.domain.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.TestStore;
import io.sequor.workflows.sequence.Channel;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * How long a seat pauses after a restriction or rate limit: its own back-off or the provider's
 * Retry-After, whichever is longer, and never less than a pause already running.
 */
@SpringJUnitConfig(SeatBackOffTest.Store.class)
class SeatBackOffTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Autowired SeatPacing pacing;
  @Autowired JdbcClient jdbc;

  /** A seat paced with the given back-off, or unpaced (default back-off of a day) when null. */
  private String seat(Duration backoff) {
    String id = "seat-" + UUID.randomUUID();
    jdbc.sql("INSERT INTO seats (id, name, plan, created_at) VALUES (?, ?, 'any', ?)")
        .params(id, id, Timestamp.from(NOW.minus(Duration.ofDays(365))))
        .update();
    if (backoff != null) {
      pacing.setPacing(
          id,
          new Pacing(
              Map.of(Action.INMAIL, new Pacing.Caps(100, 500)),
              LocalTime.MIDNIGHT,
              LocalTime.of(23, 59),
              EnumSet.allOf(DayOfWeek.class),
              Duration.ZERO,
              Duration.ZERO,
              0,
              backoff));
    }
    return id;
  }

  @Test
  void withoutAHintTheSeatPausesForItsOwnBackOff() {
    String seat = seat(Duration.ofDays(2));

    assertThat(pacing.backOff(seat, null)).isEqualTo(NOW.plus(Duration.ofDays(2)));
    assertThat(pacing.backingOffUntil(seat)).contains(NOW.plus(Duration.ofDays(2)));
  }

  @Test
  void aRetryAfterLongerThanTheBackOffIsHonoured() {
    String seat = seat(Duration.ofDays(1));

    assertThat(pacing.backOff(seat, Duration.ofDays(3))).isEqualTo(NOW.plus(Duration.ofDays(3)));
    assertThat(pacing.backingOffUntil(seat)).contains(NOW.plus(Duration.ofDays(3)));
  }

  @Test
  void aRetryAfterShorterThanTheBackOffDoesNotShortenIt() {
    String seat = seat(Duration.ofDays(2));

    assertThat(pacing.backOff(seat, Duration.ofSeconds(30)))
        .isEqualTo(NOW.plus(Duration.ofDays(2)));
  }

  @Test
  void anUnpacedSeatPausesForADayOrTheRetryAfterIfLonger() {
    assertThat(pacing.backOff(seat(null), Duration.ofMinutes(5)))
        .isEqualTo(NOW.plus(Duration.ofDays(1)));
    assertThat(pacing.backOff(seat(null), Duration.ofDays(4)))
        .isEqualTo(NOW.plus(Duration.ofDays(4)));
  }

  @Test
  void aLaterShorterBackOffKeepsTheLongerOneAlreadyRunning() {
    String seat = seat(Duration.ofDays(1));
    pacing.backOff(seat, Duration.ofDays(5));

    assertThat(pacing.backOff(seat, null)).isEqualTo(NOW.plus(Duration.ofDays(5)));
    assertThat(pacing.backOff(seat, Duration.ofDays(2))).isEqualTo(NOW.plus(Duration.ofDays(5)));
    assertThat(pacing.backingOffUntil(seat)).contains(NOW.plus(Duration.ofDays(5)));
  }

  @Test
  void anAbsurdRetryAfterIsHonouredForThirtyDaysAtMost() {
    assertThat(pacing.backOff(seat(Duration.ofDays(1)), Duration.ofDays(4000)))
        .isEqualTo(NOW.plus(Duration.ofDays(30)));
  }

  @Test
  void slotsInsideTheLongerPauseAreReleasedAndBookAgainAfterIt() {
    String seat = seat(Duration.ofDays(1));
    UUID enrolment = UUID.randomUUID();
    Instant booked =
        pacing.book(
            seat, Channel.LINKEDIN_INMAIL, enrolment, "hello", NOW.plus(Duration.ofDays(2)));
    assertThat(booked).isEqualTo(NOW.plus(Duration.ofDays(2)));

    Instant until = pacing.backOff(seat, Duration.ofDays(3));

    assertThat(pacing.slot(enrolment, "hello").orElseThrow().status())
        .isEqualTo(Slot.Status.RELEASED);
    assertThat(pacing.book(seat, Channel.LINKEDIN_INMAIL, enrolment, "hello", NOW))
        .isEqualTo(until);
  }

  @Configuration(proxyBeanMethods = false)
  @Import({TestStore.class, SeatPacing.class})
  static class Store {

    @Bean
    SequorClock sequorClock() {
      return () -> NOW;
    }
  }
}
