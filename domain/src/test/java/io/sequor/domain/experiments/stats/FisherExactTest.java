package io.sequor.domain.experiments.stats;

import static io.sequor.domain.experiments.stats.BetaBinomialTest.arm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FisherExactTest {

  static Stream<Arguments> tables() {
    return Stream.of(
        Arguments.of(arm("B", 40, 8), arm("A", 40, 3)),
        Arguments.of(arm("B", 40, 12), arm("A", 40, 5)),
        Arguments.of(arm("B", 40, 3), arm("A", 40, 9)),
        Arguments.of(arm("B", 34, 11), arm("A", 31, 6)),
        Arguments.of(arm("B", 20, 5), arm("A", 20, 5)),
        Arguments.of(arm("B", 10, 0), arm("A", 10, 3)),
        Arguments.of(arm("B", 12, 12), arm("A", 9, 4)),
        Arguments.of(arm("B", 200, 30), arm("A", 150, 9)));
  }

  @ParameterizedTest
  @MethodSource("tables")
  void matchesTheExactHypergeometricSum(Arm a, Arm b) {
    double expected = ExactReference.fisherTwoSided(a, b).doubleValue();

    assertThat(FisherExact.twoSidedP(a, b)).isCloseTo(expected, within(1e-9));
    assertThat(FisherExact.twoSidedP(b, a)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void theLadyTastingTeaGivesFishersTextbookValue() {
    // Fisher's tea-tasting experiment (The Design of Experiments, 1935), worked in Agresti,
    // Categorical Data Analysis, section 3.5: 3 of 4 milk-first cups named right against 1 of 4
    // tea-first cups named "milk first". With 4 of 8 in each margin the tables have
    // probabilities 1, 16, 36, 16, 1 (out of 70); the two-sided P-value is 34/70 = 0.486.
    assertThat(FisherExact.twoSidedP(arm("milk first", 4, 3), arm("tea first", 4, 1)))
        .isCloseTo(34.0 / 70.0, within(1e-12));
  }

  @Test
  void noneAgainstAllIsAlmostImpossibleByChance() {
    // Only the two most lopsided tables are that unlikely: 2 / C(80, 40), C(80, 40) = 1.075e23.
    double expected =
        ExactReference.fisherTwoSided(arm("B", 40, 0), arm("A", 40, 40)).doubleValue();

    assertThat(FisherExact.twoSidedP(arm("B", 40, 0), arm("A", 40, 40)))
        .isCloseTo(expected, within(expected * 1e-9));
    assertThat(expected).isCloseTo(2.0 / 1.0750720873333618E23, within(expected * 1e-12));
  }

  @Test
  void isOneWhenOnlyOneTableIsPossible() {
    assertThat(FisherExact.twoSidedP(arm("B", 0, 0), arm("A", 40, 3))).isEqualTo(1.0);
    assertThat(FisherExact.twoSidedP(arm("B", 40, 0), arm("A", 40, 0))).isEqualTo(1.0);
    assertThat(FisherExact.twoSidedP(arm("B", 40, 40), arm("A", 30, 30))).isEqualTo(1.0);
  }
}
