package io.sequor.domain.schedule;

import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A schedule as a client writes it, and as the store keeps it. {@link #toSchedule} checks it and
 * names every wrong field.
 *
 * @param windowStart local time the window opens, {@code HH:mm}
 * @param windowEnd local time the window closes (exclusive), {@code HH:mm}
 * @param days days of the week steps go out on, like {@code MONDAY}; Monday to Friday when absent
 * @param timezone IANA zone of prospects without a timezone of their own
 * @param offsets {@code CALENDAR_DAYS} (when absent) or {@code BUSINESS_DAYS}
 * @param skipHolidays whether public holidays of the prospect's country are skipped; true when
 *     absent
 * @param country ISO 3166-1 alpha-2 country of prospects without one
 */
public record ScheduleData(
    String windowStart,
    String windowEnd,
    List<String> days,
    String timezone,
    String offsets,
    Boolean skipHolidays,
    String country) {

  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /** The checked schedule; every wrong field, prefixed with {@code at}, in one exception. */
  public Schedule toSchedule(String at) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalTime start = time(at + ".windowStart", windowStart, problems);
    LocalTime end = time(at + ".windowEnd", windowEnd, problems);
    if (start != null && end != null && !start.isBefore(end)) {
      problems.add(
          new FieldProblem(
              at + ".windowEnd",
              "must be after windowStart ("
                  + windowStart
                  + "); a window that crosses midnight is not supported"));
    }
    Set<DayOfWeek> chosen = EnumSet.noneOf(DayOfWeek.class);
    if (days == null) {
      chosen.addAll(WEEKDAYS);
    } else if (days.isEmpty()) {
      problems.add(new FieldProblem(at + ".days", "needs at least one day of the week"));
    } else {
      for (int i = 0; i < days.size(); i++) {
        String day = days.get(i);
        try {
          chosen.add(DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
          problems.add(
              new FieldProblem(
                  at + ".days[" + i + "]", "'" + day + "' is not a day of the week like MONDAY"));
        }
      }
    }
    ZoneId zone = null;
    if (timezone == null || timezone.isBlank()) {
      problems.add(
          new FieldProblem(
              at + ".timezone", "is required: the zone of prospects without a timezone"));
    } else {
      try {
        zone = ZoneId.of(timezone.strip());
      } catch (DateTimeException e) {
        problems.add(
            new FieldProblem(
                at + ".timezone",
                "'" + timezone + "' is not a known time zone (use an IANA id like Europe/Paris)"));
      }
    }
    OffsetUnit unit = OffsetUnit.CALENDAR_DAYS;
    if (offsets != null) {
      try {
        unit = OffsetUnit.valueOf(offsets.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            new FieldProblem(
                at + ".offsets", "'" + offsets + "' is not CALENDAR_DAYS or BUSINESS_DAYS"));
      }
    }
    String code = Countries.normalise(country);
    if (code != null && !Countries.known(code)) {
      problems.add(
          new FieldProblem(
              at + ".country",
              "'" + country + "' is not an ISO 3166-1 alpha-2 country code like US or FR"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Schedule(start, end, chosen, zone, unit, skipHolidays == null || skipHolidays, code);
  }

  /** The stored form of a checked schedule. */
  public static ScheduleData of(Schedule schedule) {
    return new ScheduleData(
        schedule.windowStart().toString(),
        schedule.windowEnd().toString(),
        schedule.days().stream().sorted().map(DayOfWeek::name).toList(),
        schedule.timezone().getId(),
        schedule.offsets().name(),
        schedule.skipHolidays(),
        schedule.country());
  }

  private static LocalTime time(String field, String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new FieldProblem(field, "is required, as a local time like 09:00"));
      return null;
    }
    try {
      return LocalTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "'" + value + "' is not a local time like 09:00"));
      return null;
    }
  }
}
