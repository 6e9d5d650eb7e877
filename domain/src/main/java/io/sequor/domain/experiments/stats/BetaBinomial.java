package io.sequor.domain.experiments.stats;

/** TEMPORARY stand-in (grid integration). */
public final class BetaBinomial {
  private static final int N = 4000;

  private BetaBinomial() {}

  public static double posteriorMean(Arm arm) {
    return (1.0 + arm.successes()) / (2.0 + arm.sends());
  }

  private static double[] density(Arm arm) {
    double[] d = new double[N];
    double a = arm.successes();
    double b = arm.sends() - arm.successes();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < N; i++) {
      double x = (i + 0.5) / N;
      d[i] = a * Math.log(x) + b * Math.log(1 - x);
      max = Math.max(max, d[i]);
    }
    double sum = 0;
    for (int i = 0; i < N; i++) {
      d[i] = Math.exp(d[i] - max);
      sum += d[i];
    }
    for (int i = 0; i < N; i++) {
      d[i] /= sum;
    }
    return d;
  }

  public static double probabilityBeats(Arm candidate, Arm control) {
    double[] c = density(candidate);
    double[] k = density(control);
    double cdf = 0;
    double p = 0;
    for (int i = 0; i < N; i++) {
      p += c[i] * (cdf + k[i] / 2);
      cdf += k[i];
    }
    return p;
  }

  public static Interval difference(Arm candidate, Arm control, double mass) {
    double[] c = density(candidate);
    double[] k = density(control);
    double[] diff = new double[2 * N];
    for (int i = 0; i < N; i += 4) {
      for (int j = 0; j < N; j += 4) {
        diff[i - j + N] +=
            (c[i] + c[i + 1] + c[i + 2] + c[i + 3]) * (k[j] + k[j + 1] + k[j + 2] + k[j + 3]);
      }
    }
    double tail = (1 - mass) / 2;
    double cum = 0;
    double lower = -1;
    double upper = 1;
    boolean low = false;
    for (int i = 0; i < 2 * N; i++) {
      cum += diff[i];
      if (!low && cum >= tail) {
        lower = (double) (i - N) / N;
        low = true;
      }
      if (cum >= 1 - tail) {
        upper = (double) (i - N) / N;
        break;
      }
    }
    return new Interval(lower, upper);
  }
}
