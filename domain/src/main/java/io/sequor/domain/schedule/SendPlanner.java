package io.sequor.domain.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Plans a step's send time: the one function both the workflow's planning activity and the preview
 * use, so a preview shows the times a real run keeps.
 *
 * <p>The offset is counted from the anchor's local date in the prospect's zone (calendar days, or
 * the schedule's sending days), keeping the anchor's local time of day; the step then goes out at
 * the first moment at or after that which lies inside the window, on a day of the schedule that is
 * not a public holiday. Local times are resolved with the zone's rules: a time that falls in a DST
 * gap moves to the first moment after the gap, a time that occurs twice in an overlap takes its
 * earlier occurrence, and a result whose local time leaves the window is never returned: the next
 * day is tried instead.
 */
@Component
public class SendPlanner {

  /** Enough days to cross any run of holidays and non-sending days. */
  private static final int MAX_DAYS = 400;

  private final PublicHolidays holidays;

  public SendPlanner(PublicHolidays holidays) {
    this.holidays = holidays;
  }

  /**
   * @param anchor where offsets count from: the enrolment's start, moved on by any pause
   * @param dayOffset the step's offset in the schedule's unit
   * @param prospectZone the prospect's IANA zone; null, blank or unknown: the schedule's default
   * @param prospectCountry the prospect's ISO country; null: the schedule's default
   */
  public PlannedSend plan(
      Instant anchor,
      int dayOffset,
      Schedule schedule,
      String prospectZone,
      String prospectCountry) {
    List<String> notes = new ArrayList<>();
    ZoneId zone = zoneOf(prospectZone).orElse(null);
    if (zone == null) {
      zone = schedule.timezone();
      notes.add("prospect has no timezone: planned in the schedule's default zone " + zone.getId());
    }
    String country = Countries.normalise(prospectCountry);
    if (schedule.skipHolidays() && country == null) {
      country = schedule.country();
      if (country != null) {
        notes.add("prospect has no country: holidays of the schedule's default " + country);
      } else {
        notes.add("prospect has no country and the schedule names none: no holidays skipped");
      }
    }
    if (schedule.skipHolidays() && country != null && !holidays.knows(country)) {
      notes.add("no holiday calendar for " + country + ": no holidays skipped");
    }
    String holidayCountry = schedule.skipHolidays() && holidays.knows(country) ? country : null;

    ZonedDateTime start = anchor.atZone(zone);
    LocalDate day = start.toLocalDate();
    if (schedule.offsets() == OffsetUnit.CALENDAR_DAYS) {
      day = day.plusDays(dayOffset);
    } else {
      for (int counted = 0; counted < dayOffset; ) {
        day = day.plusDays(1);
        if (sendsOn(day, schedule, holidayCountry, notes)) {
          counted++;
        }
      }
    }
    LocalTime notBefore = start.toLocalTime();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      if (sendsOn(day, schedule, holidayCountry, notes)) {
        // On the first day the anchor's offset breaks a DST overlap tie, so an offset-0 plan never
        // lands an hour before the anchor.
        ZoneOffset preferred = i == 0 ? start.getOffset() : null;
        Optional<ZonedDateTime> at =
            firstInWindow(day, i == 0 ? notBefore : null, schedule, zone, preferred);
        if (at.isPresent()) {
          return new PlannedSend(at.get().toInstant(), zone, holidayCountry, notes);
        }
      }
    }
    throw new IllegalStateException(
        "no sending moment within " + MAX_DAYS + " days of " + day + " in " + zone);
  }

  private boolean sendsOn(LocalDate day, Schedule schedule, String country, List<String> notes) {
    if (!schedule.days().contains(day.getDayOfWeek())) {
      return false;
    }
    if (country == null) {
      return true;
    }
    Optional<String> holiday = holidays.holiday(country, day);
    if (holiday.isPresent() && notes != null) {
      notes.add("skipped " + day + ", a public holiday in " + country + " (" + holiday.get() + ")");
    }
    return holiday.isEmpty();
  }

  /**
   * The first moment of the day's window at or after {@code notBefore} whose local time and date
   * really lie inside the window, once resolved in the zone.
   */
  private static Optional<ZonedDateTime> firstInWindow(
      LocalDate day, LocalTime notBefore, Schedule schedule, ZoneId zone, ZoneOffset preferred) {
    LocalTime from =
        notBefore == null || notBefore.isBefore(schedule.windowStart())
            ? schedule.windowStart()
            : notBefore;
    if (!from.isBefore(schedule.windowEnd())) {
      return Optional.empty();
    }
    LocalDateTime wanted = LocalDateTime.of(day, from);
    ZoneOffsetTransition gap = zone.getRules().getTransition(wanted);
    // A local time a DST gap skips becomes the first moment after the gap, not "as much later as
    // the gap is long" (ZonedDateTime's own rule), which could jump past the window.
    ZonedDateTime at =
        gap != null && gap.isGap()
            ? gap.getInstant().atZone(zone)
            : ZonedDateTime.ofLocal(wanted, zone, preferred);
    LocalTime local = at.toLocalTime();
    if (!at.toLocalDate().equals(day)
        || local.isBefore(schedule.windowStart())
        || !local.isBefore(schedule.windowEnd())) {
      return Optional.empty();
    }
    return Optional.of(at);
  }

  private static Optional<ZoneId> zoneOf(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(id.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
