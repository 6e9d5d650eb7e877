package io.sequor.domain.experiments.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sequor.domain.errors.InvalidInputException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BetaBinomialTest {

  /**
   * The reports need four decimals (5e-5). The integrals are asked for 1e-11 and the neglected
   * tails are 1e-14, so the implementation is expected within 1e-9; 1e-6 leaves room for rounding
   * on other machines and still fails on any real numerical slip.
   */
  private static final double PROBABILITY_TOLERANCE = 1e-6;

  static Stream<Arguments> pairs() {
    return Stream.concat(
        smallPairs(),
        // posteriors are narrow spikes
        Stream.of(Arguments.of(arm("B", 1000, 120), arm("A", 1000, 100))));
  }

  /** Pairs whose exact polynomial reference for the interval stays quick. */
  static Stream<Arguments> smallPairs() {
    return Stream.of(
        Arguments.of(arm("B", 40, 8), arm("A", 40, 3)), // the example
        Arguments.of(arm("B", 40, 12), arm("A", 40, 5)),
        Arguments.of(arm("B", 40, 3), arm("A", 40, 9)),
        Arguments.of(arm("B", 34, 11), arm("A", 31, 6)),
        Arguments.of(arm("B", 20, 5), arm("A", 20, 5)), // a tie
        Arguments.of(arm("B", 40, 0), arm("A", 40, 40)), // extreme: none against all
        Arguments.of(arm("B", 40, 40), arm("A", 40, 0)),
        Arguments.of(arm("B", 30, 0), arm("A", 10, 0)), // no successes anywhere
        Arguments.of(arm("B", 30, 30), arm("A", 10, 10)), // all successes
        Arguments.of(arm("B", 0, 0), arm("A", 0, 0)), // no sends at all
        Arguments.of(arm("B", 0, 0), arm("A", 10, 3)),
        Arguments.of(arm("B", 1, 1), arm("A", 1, 0)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void probabilityBeatsMatchesTheClosedForm(Arm candidate, Arm control) {
    double expected = ExactReference.probabilityBeats(candidate, control).doubleValue();

    assertThat(BetaBinomial.probabilityBeats(candidate, control))
        .isCloseTo(expected, within(PROBABILITY_TOLERANCE));
  }

  @Test
  void eightOfFortyBeatsThreeOfFortyWithTheReferenceProbabilityToThreeDecimals() {
    Arm b = arm("B", 40, 8);
    Arm a = arm("A", 40, 3);
    BigDecimal reference =
        ExactReference.probabilityBeats(b, a).round(new MathContext(3)); // 0.9421667...

    assertThat(reference).isEqualByComparingTo("0.942");
    assertThat(BigDecimal.valueOf(BetaBinomial.probabilityBeats(b, a)).round(new MathContext(3)))
        .isEqualByComparingTo(reference);
  }

  @Test
  void aTieIsExactlyEvenAndSwappingTheArmsGivesTheComplement() {
    assertThat(ExactReference.probabilityBeats(arm("B", 20, 5), arm("A", 20, 5)))
        .isEqualByComparingTo(new BigDecimal("0.5").round(new MathContext(300)));

    Arm b = arm("B", 34, 11);
    Arm a = arm("A", 31, 6);
    assertThat(BetaBinomial.probabilityBeats(b, a) + BetaBinomial.probabilityBeats(a, b))
        .isCloseTo(1.0, within(PROBABILITY_TOLERANCE));
  }

  @Test
  void posteriorMeanIsTheUniformPriorsEstimate() {
    assertThat(BetaBinomial.posteriorMean(arm("B", 40, 8))).isEqualTo(9.0 / 42.0);
    assertThat(BetaBinomial.posteriorMean(arm("B", 0, 0))).isEqualTo(0.5);
    assertThat(BetaBinomial.posteriorMean(arm("B", 40, 40))).isEqualTo(41.0 / 42.0);
  }

  @Nested
  class Difference {

    /**
     * The ends are solved to 1e-12 in the difference, where the difference's density is at most a
     * few dozen for these counts, and each CDF value is integrated to 1e-11: the CDF at the ends is
     * expected within about 1e-10 of 2.5% and 97.5%. The reference itself is exact to far more
     * digits. 1e-6 is 50 times stricter than four decimals.
     */
    @ParameterizedTest
    @MethodSource("io.sequor.domain.experiments.stats.BetaBinomialTest#smallPairs")
    void leavesTwoAndAHalfPercentOutsideOnEachSide(Arm candidate, Arm control) {
      Interval interval = BetaBinomial.difference(candidate, control, 0.95);

      assertThat(
              ExactReference.differenceAtMost(candidate, control, interval.lower()).doubleValue())
          .isCloseTo(0.025, within(PROBABILITY_TOLERANCE));
      assertThat(
              ExactReference.differenceAtMost(candidate, control, interval.upper()).doubleValue())
          .isCloseTo(0.975, within(PROBABILITY_TOLERANCE));
      assertThat(interval.lower()).isLessThan(interval.upper());
    }

    @Test
    void theReferenceCdfAtZeroIsOneMinusTheClosedForm() {
      Arm b = arm("B", 40, 8);
      Arm a = arm("A", 40, 3);

      assertThat(ExactReference.differenceAtMost(b, a, 0.0).doubleValue())
          .isCloseTo(1.0 - ExactReference.probabilityBeats(b, a).doubleValue(), within(1e-15));
      assertThat(BetaBinomial.differenceAtMost(b, a, 0.0))
          .isCloseTo(1.0 - BetaBinomial.probabilityBeats(b, a), within(PROBABILITY_TOLERANCE));
    }

    @Test
    void withNoSendsTheDifferenceOfTwoUniformRatesIsTriangular() {
      // P(D <= d) = (1 + d)^2 / 2 for d <= 0, so the 2.5% point is sqrt(0.05) - 1.
      Interval interval = BetaBinomial.difference(arm("B", 0, 0), arm("A", 0, 0), 0.95);

      assertThat(interval.lower()).isCloseTo(Math.sqrt(0.05) - 1.0, within(1e-6));
      assertThat(interval.upper()).isCloseTo(1.0 - Math.sqrt(0.05), within(1e-6));
    }

    @Test
    void eightOfFortyAgainstThreeOfFortyIsPlausiblyAnythingFromSlightlyWorseToMuchBetter() {
      Interval interval = BetaBinomial.difference(arm("B", 40, 8), arm("A", 40, 3), 0.95);

      assertThat(interval.lower()).isNegative();
      assertThat(interval.upper()).isGreaterThan(0.2);
    }

    @Test
    void aMassOutsideZeroToOneIsRefused() {
      assertThatThrownBy(() -> BetaBinomial.difference(arm("B", 4, 1), arm("A", 4, 1), 1.0))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("mass");
      assertThatThrownBy(() -> BetaBinomial.difference(arm("B", 4, 1), arm("A", 4, 1), 0.0))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Nested
  class Arms {

    @Test
    void moreSuccessesThanSendsAreRefused() {
      assertThatThrownBy(() -> arm("B", 3, 4))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("successes");
    }

    @Test
    void negativeCountsAreRefused() {
      assertThatThrownBy(() -> arm("B", -1, 0)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> arm("B", 3, -1)).isInstanceOf(InvalidInputException.class);
    }
  }

  static Arm arm(String key, long sends, long successes) {
    return new Arm(key, sends, successes);
  }
}
