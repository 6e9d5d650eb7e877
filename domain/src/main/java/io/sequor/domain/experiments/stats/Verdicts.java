package io.sequor.domain.experiments.stats;

/** TEMPORARY stand-in. */
public final class Verdicts {
  private Verdicts() {}

  public static String sentence(Arm candidate, Arm control, String metricName, double threshold) {
    double p = BetaBinomial.probabilityBeats(candidate, control);
    return candidate.key()
        + " beats "
        + control.key()
        + " on "
        + metricName
        + " with "
        + Math.round(p * 100)
        + "% probability";
  }
}
