package io.sequor.domain.pacing;

import io.sequor.domain.errors.FieldProblem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How fast one mailbox may send. Every part is optional: no cap, the whole day, every day, no gap.
 *
 * @param dailyCap most emails a day (a day in {@code timezone}); null for no cap
 * @param timezone IANA zone of the window and of the day the cap counts; UTC when absent
 * @param windowStart first moment of the daily send window; with {@code windowEnd}, or neither
 * @param windowEnd end of the window (exclusive), after its start on the same day
 * @param days days of the week the mailbox sends on; every day when absent
 * @param minGap shortest pause between two sends of the mailbox
 * @param maxGap longest; each gap is drawn between the two so the rhythm does not look automated
 */
public record MailboxPacing(
    Integer dailyCap,
    String timezone,
    LocalTime windowStart,
    LocalTime windowEnd,
    Set<DayOfWeek> days,
    Duration minGap,
    Duration maxGap) {

  private static final Duration LONGEST_GAP = Duration.ofDays(1);

  public ZoneId zone() {
    return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
  }

  public Set<DayOfWeek> sendDays() {
    return days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days;
  }

  public Duration smallestGap() {
    return minGap == null ? Duration.ZERO : minGap;
  }

  public Duration largestGap() {
    return maxGap == null ? smallestGap() : maxGap;
  }

  /** What is wrong with these settings, each problem named under {@code prefix} (e.g. pacing). */
  public List<FieldProblem> problems(String prefix) {
    List<FieldProblem> problems = new ArrayList<>();
    if (dailyCap != null && dailyCap < 1) {
      problems.add(
          new FieldProblem(prefix + ".dailyCap", "must be 1 or more (leave it out for none)"));
    }
    if (timezone != null) {
      try {
        ZoneId.of(timezone);
      } catch (DateTimeException e) {
        problems.add(
            new FieldProblem(
                prefix + ".timezone",
                "'" + timezone + "' is not an IANA time zone like Europe/Paris"));
      }
    }
    if ((windowStart == null) != (windowEnd == null)) {
      problems.add(
          new FieldProblem(
              prefix + (windowStart == null ? ".windowStart" : ".windowEnd"),
              "give both windowStart and windowEnd, or neither for the whole day"));
    } else if (windowStart != null && !windowEnd.isAfter(windowStart)) {
      problems.add(
          new FieldProblem(
              prefix + ".windowEnd", "the window must end after it starts, on one day"));
    }
    if (days != null && days.isEmpty()) {
      problems.add(
          new FieldProblem(
              prefix + ".days", "name at least one day, or leave it out for every day"));
    }
    if (minGap != null && (minGap.isNegative() || minGap.compareTo(LONGEST_GAP) > 0)) {
      problems.add(new FieldProblem(prefix + ".minGap", "must be between PT0S and P1D"));
    }
    if (maxGap != null && (maxGap.isNegative() || maxGap.compareTo(LONGEST_GAP) > 0)) {
      problems.add(new FieldProblem(prefix + ".maxGap", "must be between PT0S and P1D"));
    } else if (maxGap != null && maxGap.compareTo(smallestGap()) < 0) {
      problems.add(new FieldProblem(prefix + ".maxGap", "must not be shorter than minGap"));
    }
    return problems;
  }
}
