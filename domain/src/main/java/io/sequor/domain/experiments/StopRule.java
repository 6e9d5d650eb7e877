package io.sequor.domain.experiments;

import io.sequor.domain.experiments.stats.Arm;
import io.sequor.domain.experiments.stats.BetaBinomial;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a running experiment ends, and with which winner.
 *
 * <ul>
 *   <li>probability: a variant beats the control with at least {@code stopAtProbability} (the
 *       likeliest such variant wins), or the control beats every variant with it (the control
 *       wins); only arms that have sends are compared
 *   <li>sends: every variant, the control included, has {@code stopAfterSendsPerVariant} sends; the
 *       highest posterior mean wins, the control on a tie
 * </ul>
 */
final class StopRule {

  private StopRule() {}

  static Optional<Experiments.Ending> check(Experiment experiment, List<Arm> arms) {
    Arm control = arms.get(0);
    List<Arm> others = arms.subList(1, arms.size());
    String metric = Experiments.metricName(experiment.metric());
    Double stop = experiment.stopAtProbability();
    if (stop != null && control.sends() > 0 && others.stream().allMatch(a -> a.sends() > 0)) {
      Arm best = null;
      double bestP = -1;
      boolean controlBeatsAll = true;
      double weakest = 1;
      for (Arm arm : others) {
        double p = BetaBinomial.probabilityBeats(arm, control);
        if (p >= stop && p > bestP) {
          best = arm;
          bestP = p;
        }
        double q = BetaBinomial.probabilityBeats(control, arm);
        controlBeatsAll &= q >= stop;
        weakest = Math.min(weakest, q);
      }
      if (best != null) {
        return Optional.of(
            new Experiments.Ending(
                best.key(),
                best.key()
                    + " beat "
                    + control.key()
                    + " on "
                    + metric
                    + " with probability "
                    + fixed(bestP)
                    + " (stop at "
                    + fixed(stop)
                    + ")"));
      }
      if (controlBeatsAll) {
        return Optional.of(
            new Experiments.Ending(
                control.key(),
                control.key()
                    + " beat every variant on "
                    + metric
                    + " with probability at least "
                    + fixed(weakest)
                    + " (stop at "
                    + fixed(stop)
                    + ")"));
      }
    }
    Integer sends = experiment.stopAfterSendsPerVariant();
    if (sends != null && arms.stream().allMatch(a -> a.sends() >= sends)) {
      Arm best = control;
      for (Arm arm : others) {
        if (BetaBinomial.posteriorMean(arm) > BetaBinomial.posteriorMean(best)) {
          best = arm;
        }
      }
      return Optional.of(
          new Experiments.Ending(
              best.key(),
              "every variant had "
                  + sends
                  + " sends or more; "
                  + best.key()
                  + " has the highest posterior mean "
                  + metric
                  + " ("
                  + fixed(BetaBinomial.posteriorMean(best))
                  + ")"));
    }
    return Optional.empty();
  }

  private static String fixed(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
