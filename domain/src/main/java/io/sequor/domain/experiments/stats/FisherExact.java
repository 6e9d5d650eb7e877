package io.sequor.domain.experiments.stats;

import io.sequor.domain.errors.InvalidInputException;
import org.hipparchus.distribution.discrete.HypergeometricDistribution;

/**
 * Fisher's exact test on the 2x2 table of two arms' successes and failures: how often a split at
 * least as lopsided as the one seen would come up by chance if both arms had the same rate.
 */
public final class FisherExact {

  /**
   * Tables whose probability is within this relative distance of the observed one's count as
   * equally likely, so that rounding in the probabilities does not drop a tied table. R's
   * fisher.test uses the same 1e-7.
   */
  private static final double RELATIVE_TOLERANCE = 1e-7;

  private FisherExact() {}

  /**
   * The two-sided p-value: with the row and column totals fixed, the sum of the probabilities of
   * every table no more likely than the observed one. 1 when only one table is possible (an arm
   * with no sends, or no success or no failure at all).
   */
  public static double twoSidedP(Arm a, Arm b) {
    long population = a.sends() + b.sends();
    long successes = a.successes() + b.successes();
    if (population > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          "sends", "both arms together must have at most " + Integer.MAX_VALUE + " sends");
    }
    if (a.sends() == 0 || b.sends() == 0 || successes == 0 || successes == population) {
      return 1.0;
    }
    // The number of successes in a's row, given the totals, is hypergeometric.
    HypergeometricDistribution table =
        new HypergeometricDistribution((int) population, (int) successes, (int) a.sends());
    double limit = table.probability((int) a.successes()) * (1.0 + RELATIVE_TOLERANCE);
    double p = 0.0;
    for (int x = table.getSupportLowerBound(); x <= table.getSupportUpperBound(); x++) {
      double probability = table.probability(x);
      if (probability <= limit) {
        p += probability;
      }
    }
    return Math.min(1.0, p);
  }
}
