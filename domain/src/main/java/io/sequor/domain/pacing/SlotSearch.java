package io.sequor.domain.pacing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The slot search seats and mailboxes share: the first moment at or after a start that lies in the
 * sender's window, on an allowed day, with room under the day's (and the week's) cap. The caller
 * holds the sender's row lock, so bookings on one sender are first come, first served.
 */
final class SlotSearch {

  private static final int SEARCH_LIMIT = 2000;

  private SlotSearch() {}

  /** How many of the sender's slots are booked in {@code [from, to)}. */
  @FunctionalInterface
  interface Booked {
    int between(Instant from, Instant to);
  }

  /** The daily send window, in the sender's time zone, on the given days. */
  record Window(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> days) {

    static Window allDay(ZoneId zone) {
      return new Window(zone, LocalTime.MIN, null, Set.of(DayOfWeek.values()));
    }

    /** The first moment at or after {@code t} inside the window on an allowed day. */
    Instant into(Instant t) {
      ZonedDateTime local = t.atZone(zone);
      for (int day = 0; day < 8; day++) {
        ZonedDateTime candidate =
            day == 0 ? local : local.toLocalDate().plusDays(day).atStartOfDay(zone);
        if (days.contains(candidate.getDayOfWeek())) {
          ZonedDateTime open = candidate.toLocalDate().atTime(start).atZone(zone);
          if (candidate.isBefore(open)) {
            return open.toInstant();
          }
          if (end == null || candidate.isBefore(candidate.toLocalDate().atTime(end).atZone(zone))) {
            return candidate.toInstant();
          }
        }
      }
      throw new IllegalStateException("pacing has no open window in a week");
    }
  }

  /**
   * The first free moment at or after {@code from}.
   *
   * @param daily the day's cap at a moment (it may grow over a ramp-up)
   * @param weekly the week's cap at a moment (weeks start on Monday), or null for none
   */
  static Instant first(
      Instant from,
      Window window,
      ToIntFunction<Instant> daily,
      ToIntFunction<Instant> weekly,
      Booked booked) {
    ZoneId zone = window.zone();
    Instant t = from;
    for (int i = 0; i < SEARCH_LIMIT; i++) {
      t = window.into(t);
      LocalDate day = t.atZone(zone).toLocalDate();
      Instant dayStart = day.atStartOfDay(zone).toInstant();
      Instant nextDay = day.plusDays(1).atStartOfDay(zone).toInstant();
      if (booked.between(dayStart, nextDay) >= daily.applyAsInt(t)) {
        t = nextDay;
        continue;
      }
      if (weekly != null) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(zone).toInstant();
        Instant nextWeek = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
        if (booked.between(weekStart, nextWeek) >= weekly.applyAsInt(t)) {
          t = nextWeek;
          continue;
        }
      }
      return t;
    }
    throw new IllegalStateException("no free slot within the search limit");
  }

  /** A gap between the bounds, the same for the same step on every retry. */
  static Duration gap(Duration min, Duration max, UUID enrolmentId, String stepKey) {
    long spread = max.minus(min).toMillis();
    long extra =
        spread == 0
            ? 0
            : Math.floorMod(new Random((enrolmentId + stepKey).hashCode()).nextLong(), spread + 1);
    return min.plusMillis(extra);
  }

  static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }
}
