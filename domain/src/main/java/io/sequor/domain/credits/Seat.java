package io.sequor.domain.credits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A LinkedIn seat: one rep's subscription, with the plan that decides its credits.
 *
 * @param renewalDay the day of the month the plan renews; in short months, the last day
 * @param freeAccount a free LinkedIn account, whose connection notes are shorter
 * @param manual a rep sends this seat's LinkedIn actions by hand, from tasks
 */
public record Seat(
    String id,
    String name,
    String plan,
    int renewalDay,
    ZoneId timezone,
    Instant createdAt,
    boolean freeAccount,
    boolean manual) {

  /** The first renewal strictly after {@code after}, at the start of the day in the seat's zone. */
  public Instant nextRenewalAfter(Instant after) {
    ZonedDateTime local = after.atZone(timezone);
    YearMonth month = YearMonth.from(local);
    for (int i = 0; i < 3; i++) {
      YearMonth candidate = month.plusMonths(i);
      LocalDate day = candidate.atDay(Math.min(renewalDay, candidate.lengthOfMonth()));
      Instant start = day.atStartOfDay(timezone).toInstant();
      if (start.isAfter(after)) {
        return start;
      }
    }
    throw new IllegalStateException("no renewal within three months of " + after);
  }
}
