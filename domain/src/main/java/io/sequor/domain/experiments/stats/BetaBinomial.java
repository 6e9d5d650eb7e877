package io.sequor.domain.experiments.stats;

import io.sequor.domain.errors.InvalidInputException;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.analysis.integration.UnivariateIntegrator;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * Bayesian comparison of two arms' success rates.
 *
 * <p>Each arm's unknown rate starts from a uniform prior, Beta(1, 1): before any send every rate
 * from 0% to 100% is equally plausible. After {@code s} successes in {@code n} sends its posterior
 * is Beta(1 + s, 1 + n - s). Everything here is computed from those two posteriors by numerical
 * integration and root finding (Hipparchus), never by random sampling, so the same counts always
 * give the same numbers.
 */
public final class BetaBinomial {

  /**
   * Posterior mass left outside the range integrated over, on each side. Far below the four
   * decimals a report needs, and it keeps the integrator on the part of [0, 1] where the posterior
   * lives, which matters once an arm has hundreds of sends and its density is a narrow spike.
   */
  private static final double TAIL = 1e-14;

  /** How precisely the quantiles bounding that range are found. */
  private static final double QUANTILE_ACCURACY = 1e-15;

  private static final int GAUSS_POINTS = 16;
  private static final double RELATIVE_ACCURACY = 1e-11;
  private static final double ABSOLUTE_ACCURACY = 1e-13;
  private static final int MAX_EVALUATIONS = 1_000_000;

  private static final double SOLVER_ABSOLUTE_ACCURACY = 1e-12;
  private static final int MAX_SOLVER_EVALUATIONS = 500;

  private BetaBinomial() {}

  /** The arm's posterior: Beta(1 + successes, 1 + failures). */
  public static BetaDistribution posterior(Arm arm) {
    return new BetaDistribution(1.0 + arm.successes(), 1.0 + arm.failures(), QUANTILE_ACCURACY);
  }

  /** The arm's expected rate after what was seen: (1 + successes) / (2 + sends). */
  public static double posteriorMean(Arm arm) {
    return (1.0 + arm.successes()) / (2.0 + arm.sends());
  }

  /**
   * P(p_candidate &gt; p_control): the probability that the candidate's true rate is higher than
   * the control's, given the counts. Computed as the integral over x of the candidate's posterior
   * density times the control's posterior CDF.
   */
  public static double probabilityBeats(Arm candidate, Arm control) {
    return clamp(probabilityAtMost(posterior(candidate), posterior(control), 0.0));
  }

  /**
   * P(p_candidate - p_control &le; d): the CDF of the difference of the two rates, the integral
   * over x of the control's posterior density times the candidate's posterior CDF at x + d.
   */
  public static double differenceAtMost(Arm candidate, Arm control, double d) {
    return clamp(probabilityAtMost(posterior(control), posterior(candidate), d));
  }

  /**
   * The central credible interval of p_candidate - p_control holding {@code mass} of the posterior
   * (0.95: the difference lies below the lower end with probability 2.5% and above the upper end
   * with probability 2.5%).
   */
  public static Interval difference(Arm candidate, Arm control, double mass) {
    if (!(mass > 0.0 && mass < 1.0)) {
      throw new InvalidInputException("mass", "must be between 0 and 1 (exclusive), was " + mass);
    }
    BetaDistribution candidatePosterior = posterior(candidate);
    BetaDistribution controlPosterior = posterior(control);
    double tail = (1.0 - mass) / 2.0;
    return new Interval(
        differenceQuantile(candidatePosterior, controlPosterior, tail),
        differenceQuantile(candidatePosterior, controlPosterior, 1.0 - tail));
  }

  private static double differenceQuantile(
      BetaDistribution candidate, BetaDistribution control, double probability) {
    UnivariateFunction excess = d -> probabilityAtMost(control, candidate, d) - probability;
    // The difference of two rates lies in [-1, 1]; the CDF is 0 at -1 and 1 at 1.
    return new BrentSolver(SOLVER_ABSOLUTE_ACCURACY)
        .solve(MAX_SOLVER_EVALUATIONS, excess, -1.0, 1.0);
  }

  /**
   * P(Y &le; X + d) = the integral of f_X(x) F_Y(x + d) dx. Outside the range where X has all but
   * {@link #TAIL} of its mass the integrand is negligible; where x + d lies above Y's range, F_Y(x
   * + d) is 1 and that part is X's own upper tail; below Y's range it is 0. Only the rest is
   * integrated.
   */
  private static double probabilityAtMost(BetaDistribution x, BetaDistribution y, double d) {
    double xLow = x.inverseCumulativeProbability(TAIL);
    double xHigh = x.inverseCumulativeProbability(1.0 - TAIL);
    double yLow = y.inverseCumulativeProbability(TAIL);
    double yHigh = y.inverseCumulativeProbability(1.0 - TAIL);

    // From certainFrom on, x + d is above Y's range (F_Y = 1); below possibleFrom, below it (0).
    double certainFrom = Math.min(Math.max(yHigh - d, xLow), xHigh);
    double possibleFrom = Math.min(Math.max(yLow - d, xLow), xHigh);
    double certainPart = 1.0 - x.cumulativeProbability(certainFrom);
    if (certainFrom <= possibleFrom) {
      return certainPart;
    }
    UnivariateIntegrator integrator =
        new IterativeLegendreGaussIntegrator(GAUSS_POINTS, RELATIVE_ACCURACY, ABSOLUTE_ACCURACY);
    double integratedPart =
        integrator.integrate(
            MAX_EVALUATIONS,
            t -> x.density(t) * y.cumulativeProbability(t + d),
            possibleFrom,
            certainFrom);
    return certainPart + integratedPart;
  }

  private static double clamp(double probability) {
    return Math.min(1.0, Math.max(0.0, probability));
  }
}
