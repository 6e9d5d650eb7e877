package io.sequor.domain.reports;

import java.time.LocalDate;
import java.util.List;

/** Per-day counts for charts, by the day (in {@code zone}) each event occurred. */
public record Series(Scope scope, String id, String zone, List<Day> days) {

  /** One calendar day; a day without events has zeros. */
  public record Day(
      LocalDate day,
      long delivered,
      long replies,
      long positiveReplies,
      long outOfOffice,
      long bounces,
      long meetings,
      long creditsSpent,
      long creditsRefunded) {}
}
