package io.sequor.domain.experiments.stats;

import io.sequor.domain.errors.InvalidInputException;

/** The one sentence an experiment report leads with. */
public final class Verdicts {

  private Verdicts() {}

  /**
   * What the counts say about the candidate against the control, and what to do.
   *
   * <ul>
   *   <li>P(candidate beats control) &ge; threshold: "B beats A on reply rate with 97% probability
   *       after 40 and 40 sends: adopt B"
   *   <li>P &le; 1 - threshold: "A beats B on reply rate with 96% probability after 40 and 40
   *       sends: keep A"
   *   <li>otherwise the likelier winner's side, ending "; keep testing"
   *   <li>an arm without sends: "No sends of B yet; keep testing"
   * </ul>
   *
   * <p>The percentage is rounded down, so 94.6% shows as 94%, never as the threshold's 95%; and it
   * never shows 100%, since a finite number of sends leaves some doubt. Send counts are the
   * candidate's first, then the control's.
   *
   * @param metricName what the rate measures, e.g. "reply rate"
   * @param threshold how sure a verdict must be, between 0.5 and 1 (exclusive), e.g. 0.95
   */
  public static String sentence(Arm candidate, Arm control, String metricName, double threshold) {
    if (metricName == null || metricName.isBlank()) {
      throw new InvalidInputException("metricName", "must not be blank");
    }
    if (!(threshold > 0.5 && threshold < 1.0)) {
      throw new InvalidInputException(
          "threshold", "must be between 0.5 and 1 (exclusive), was " + threshold);
    }
    if (candidate.sends() == 0 && control.sends() == 0) {
      return "No sends of " + candidate.key() + " or " + control.key() + " yet; keep testing";
    }
    if (candidate.sends() == 0 || control.sends() == 0) {
      Arm empty = candidate.sends() == 0 ? candidate : control;
      return "No sends of " + empty.key() + " yet; keep testing";
    }
    double p = BetaBinomial.probabilityBeats(candidate, control);
    String after = " after " + candidate.sends() + " and " + control.sends() + " sends";
    if (p >= threshold) {
      return beats(candidate, control, metricName, p) + after + ": adopt " + candidate.key();
    }
    if (p <= 1.0 - threshold) {
      return beats(control, candidate, metricName, 1.0 - p) + after + ": keep " + control.key();
    }
    if (p >= 0.5) {
      return beats(candidate, control, metricName, p) + after + "; keep testing";
    }
    return beats(control, candidate, metricName, 1.0 - p) + after + "; keep testing";
  }

  private static String beats(Arm winner, Arm loser, String metricName, double probability) {
    return winner.key()
        + " beats "
        + loser.key()
        + " on "
        + metricName
        + " with "
        + wholePercentDown(probability)
        + "% probability";
  }

  private static long wholePercentDown(double probability) {
    // The nudge keeps binary rounding from showing one less (0.57 * 100.0 is 56.99999999999999);
    // it is far below the probabilities' own accuracy.
    return Math.min(99, (long) Math.floor(probability * 100.0 + 1e-9));
  }
}
