package io.sequor.domain.experiments.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Reference values computed without Hipparchus and without numerical integration: exact integer
 * arithmetic for everything that has a closed form, and 300-digit decimals where the interval's
 * check needs a real-valued shift.
 */
final class ExactReference {

  private static final MathContext DIGITS = new MathContext(300);

  private ExactReference() {}

  /**
   * P(p_candidate &gt; p_control) for Beta(1 + s, 1 + f) posteriors, from the closed form for
   * integer parameters (candidate B ~ Beta(aB, bB), control A ~ Beta(aA, bA)):
   *
   * <pre>
   *   sum over i = 0 .. aB - 1 of  B(aA + i, bA + bB) / ((bB + i) B(1 + i, bB) B(aA, bA))
   * </pre>
   *
   * with B(a, b) = (a-1)! (b-1)! / (a+b-1)!. Each term is an exact fraction of factorials and the
   * sum is kept as one exact fraction; only the final division rounds (to 300 digits).
   */
  static BigDecimal probabilityBeats(Arm candidate, Arm control) {
    int aB = (int) candidate.successes() + 1;
    int bB = (int) candidate.failures() + 1;
    int aA = (int) control.successes() + 1;
    int bA = (int) control.failures() + 1;
    BigInteger sumNumerator = BigInteger.ZERO;
    BigInteger sumDenominator = BigInteger.ONE;
    for (int i = 0; i < aB; i++) {
      BigInteger numerator =
          factorial(aA + i - 1)
              .multiply(factorial(bA + bB - 1))
              .multiply(factorial(i + bB))
              .multiply(factorial(aA + bA - 1));
      BigInteger denominator =
          factorial(aA + i + bA + bB - 1)
              .multiply(BigInteger.valueOf(bB + i))
              .multiply(factorial(i))
              .multiply(factorial(bB - 1))
              .multiply(factorial(aA - 1))
              .multiply(factorial(bA - 1));
      sumNumerator = sumNumerator.multiply(denominator).add(numerator.multiply(sumDenominator));
      sumDenominator = sumDenominator.multiply(denominator);
      BigInteger common = sumNumerator.gcd(sumDenominator);
      sumNumerator = sumNumerator.divide(common);
      sumDenominator = sumDenominator.divide(common);
    }
    return new BigDecimal(sumNumerator).divide(new BigDecimal(sumDenominator), DIGITS);
  }

  /**
   * P(p_candidate - p_control &le; d) = integral over x of f_control(x) F_candidate(x + d). For
   * integer parameters both factors are polynomials: the Beta(a, b) CDF is P(Binomial(a+b-1, y)
   * &ge; a) = sum over j &ge; a of C(a+b-1, j) y^j (1-y)^(a+b-1-j). So the integrand is a
   * polynomial in x, integrated exactly term by term on the pieces where x + d lies inside [0, 1]
   * (F = its polynomial) or above it (F = 1).
   */
  static BigDecimal differenceAtMost(Arm candidate, Arm control, double shift) {
    BigDecimal d = new BigDecimal(shift);
    BigDecimal[] density = betaDensity((int) control.successes() + 1, (int) control.failures() + 1);
    BigDecimal[] candidateCdf =
        composeWithShift(
            betaCdf((int) candidate.successes() + 1, (int) candidate.failures() + 1), d);
    BigDecimal[] integrand = multiply(density, candidateCdf);
    if (d.signum() >= 0) {
      BigDecimal top = BigDecimal.ONE.subtract(d);
      return integrate(integrand, BigDecimal.ZERO, top)
          .add(integrate(density, top, BigDecimal.ONE));
    }
    return integrate(integrand, d.negate(), BigDecimal.ONE);
  }

  /**
   * Fisher's two-sided p-value from exact hypergeometric terms: every table with the same margins
   * has probability C(K, x) C(N-K, n-x) / C(N, n); the p-value sums those no more likely than the
   * observed table. All tables share the denominator, so "no more likely" compares integers.
   */
  static BigDecimal fisherTwoSided(Arm a, Arm b) {
    int population = (int) (a.sends() + b.sends());
    int successes = (int) (a.successes() + b.successes());
    int sample = (int) a.sends();
    BigInteger observed =
        binomial(successes, (int) a.successes())
            .multiply(binomial(population - successes, sample - (int) a.successes()));
    BigInteger total = BigInteger.ZERO;
    for (int x = Math.max(0, sample - (population - successes));
        x <= Math.min(sample, successes);
        x++) {
      BigInteger ways =
          binomial(successes, x).multiply(binomial(population - successes, sample - x));
      if (ways.compareTo(observed) <= 0) {
        total = total.add(ways);
      }
    }
    return new BigDecimal(total).divide(new BigDecimal(binomial(population, sample)), DIGITS);
  }

  static BigInteger factorial(int n) {
    BigInteger result = BigInteger.ONE;
    for (int k = 2; k <= n; k++) {
      result = result.multiply(BigInteger.valueOf(k));
    }
    return result;
  }

  static BigInteger binomial(int n, int k) {
    return factorial(n).divide(factorial(k).multiply(factorial(n - k)));
  }

  /** Coefficients (index = power of x) of x^(a-1) (1-x)^(b-1) / B(a, b). */
  private static BigDecimal[] betaDensity(int a, int b) {
    BigInteger normaliser =
        factorial(a + b - 1).divide(factorial(a - 1).multiply(factorial(b - 1)));
    BigDecimal[] coefficients = zeros(a + b - 1);
    for (int k = 0; k <= b - 1; k++) {
      BigInteger c = binomial(b - 1, k).multiply(normaliser);
      coefficients[a - 1 + k] = new BigDecimal(k % 2 == 0 ? c : c.negate());
    }
    return coefficients;
  }

  /** Coefficients in y of the Beta(a, b) CDF on [0, 1]. */
  private static BigDecimal[] betaCdf(int a, int b) {
    int n = a + b - 1;
    BigInteger[] coefficients = new BigInteger[n + 1];
    Arrays.fill(coefficients, BigInteger.ZERO);
    for (int j = a; j <= n; j++) {
      BigInteger outer = binomial(n, j);
      for (int k = 0; k <= n - j; k++) {
        BigInteger term = outer.multiply(binomial(n - j, k));
        coefficients[j + k] = coefficients[j + k].add(k % 2 == 0 ? term : term.negate());
      }
    }
    BigDecimal[] result = new BigDecimal[n + 1];
    for (int i = 0; i <= n; i++) {
      result[i] = new BigDecimal(coefficients[i]);
    }
    return result;
  }

  /** p(x + d) by Horner's rule. */
  private static BigDecimal[] composeWithShift(BigDecimal[] p, BigDecimal d) {
    BigDecimal[] result = zeros(p.length);
    for (int k = p.length - 1; k >= 0; k--) {
      BigDecimal[] next = zeros(p.length);
      for (int i = 0; i < p.length; i++) {
        BigDecimal value = result[i].multiply(d, DIGITS);
        if (i > 0) {
          value = value.add(result[i - 1], DIGITS);
        }
        next[i] = value;
      }
      next[0] = next[0].add(p[k], DIGITS);
      result = next;
    }
    return result;
  }

  private static BigDecimal[] multiply(BigDecimal[] p, BigDecimal[] q) {
    BigDecimal[] result = zeros(p.length + q.length - 1);
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < q.length; j++) {
        result[i + j] = result[i + j].add(p[i].multiply(q[j], DIGITS), DIGITS);
      }
    }
    return result;
  }

  private static BigDecimal integrate(BigDecimal[] p, BigDecimal from, BigDecimal to) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal fromPower = from;
    BigDecimal toPower = to;
    for (int k = 0; k < p.length; k++) {
      BigDecimal antiderivative =
          p[k].multiply(toPower.subtract(fromPower, DIGITS), DIGITS)
              .divide(BigDecimal.valueOf(k + 1), DIGITS);
      sum = sum.add(antiderivative, DIGITS);
      fromPower = fromPower.multiply(from, DIGITS);
      toPower = toPower.multiply(to, DIGITS);
    }
    return sum;
  }

  private static BigDecimal[] zeros(int length) {
    BigDecimal[] result = new BigDecimal[length];
    Arrays.fill(result, BigDecimal.ZERO);
    return result;
  }
}
