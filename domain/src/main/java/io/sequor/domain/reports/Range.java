package io.sequor.domain.reports;

import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A report's period and time zone: {@code from} inclusive, {@code to} exclusive, either null for
 * "no bound". A date means the start of that day in the zone.
 */
public record Range(Instant from, Instant to, ZoneId zone) {

  /** Parses the request's values; 400 naming each of from, to and zone that is wrong. */
  public static Range parse(String from, String to, String zone) {
    List<FieldProblem> problems = new ArrayList<>();
    ZoneId zoneId = ZoneId.of("UTC");
    if (zone != null && !zone.isBlank()) {
      try {
        zoneId = ZoneId.of(zone.strip());
      } catch (DateTimeException e) {
        problems.add(new FieldProblem("zone", "not a time zone (use an IANA name such as UTC)"));
      }
    }
    Instant start = point("from", from, zoneId, problems);
    Instant end = point("to", to, zoneId, problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add(new FieldProblem("to", "must be later than from"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Range(start, end, zoneId);
  }

  private static Instant point(String field, String value, ZoneId zone, List<FieldProblem> out) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      out.add(
          new FieldProblem(
              field, "not an ISO date (2026-11-26) or instant (2026-11-26T09:00:00Z)"));
      return null;
    }
  }
}
