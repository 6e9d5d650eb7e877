package io.sequor.domain.experiments.stats;

/** TEMPORARY stand-in. */
public final class FisherExact {
  private FisherExact() {}

  public static double twoSidedP(Arm a, Arm b) {
    return 1.0;
  }
}
