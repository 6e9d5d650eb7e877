package io.sequor.domain.pacing;

import io.sequor.domain.errors.FieldProblem;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How fast one seat may act. Absent caps mean that action is not limited.
 *
 * @param windowStart first moment of the daily send window, in the seat's time zone
 * @param windowEnd end of the window (exclusive)
 * @param minGap shortest pause between two actions of the same kind
 * @param maxGap longest; each gap is drawn between the two so the rhythm does not look automated
 * @param rampUpWeeks a new seat's caps grow evenly over this many weeks (0: full caps at once)
 * @param backoff how long the seat pauses after the provider reports a restriction or rate limit
 */
public record Pacing(
    Map<Action, Caps> caps,
    LocalTime windowStart,
    LocalTime windowEnd,
    Set<DayOfWeek> days,
    Duration minGap,
    Duration maxGap,
    int rampUpWeeks,
    Duration backoff) {

  /** Daily and weekly limits of one action. */
  public record Caps(int daily, int weekly) {}

  public List<FieldProblem> problems() {
    List<FieldProblem> problems = new ArrayList<>();
    if (caps == null) {
      problems.add(
          new FieldProblem(
              "caps", "is required, for example {\"INMAIL\": {\"daily\": 20, \"weekly\": 80}}"));
    } else {
      caps.forEach(
          (action, c) -> {
            if (c == null || c.daily() < 1 || c.weekly() < c.daily()) {
              problems.add(
                  new FieldProblem("caps." + action, "needs daily >= 1 and weekly >= daily"));
            }
          });
    }
    if (windowStart == null || windowEnd == null || !windowEnd.isAfter(windowStart)) {
      problems.add(
          new FieldProblem("windowEnd", "the window must end after it starts, on one day"));
    }
    if (days == null || days.isEmpty()) {
      problems.add(new FieldProblem("days", "name at least one day of the week"));
    }
    if (minGap == null || maxGap == null || minGap.isNegative() || maxGap.compareTo(minGap) < 0) {
      problems.add(new FieldProblem("maxGap", "gaps need 0 <= minGap <= maxGap"));
    }
    if (rampUpWeeks < 0 || rampUpWeeks > 26) {
      problems.add(new FieldProblem("rampUpWeeks", "must be 0 to 26"));
    }
    if (backoff == null || backoff.isNegative() || backoff.isZero()) {
      problems.add(new FieldProblem("backoff", "must be a positive duration like P1D"));
    }
    return problems;
  }
}
