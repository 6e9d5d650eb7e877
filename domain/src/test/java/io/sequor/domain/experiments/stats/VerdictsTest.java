package io.sequor.domain.experiments.stats;

import static io.sequor.domain.experiments.stats.BetaBinomialTest.arm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.errors.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final String METRIC = "reply rate";
  private static final double THRESHOLD = 0.95;

  @Test
  void adoptsTheCandidateWhenItIsSureEnoughToBeBetter() {
    // P(B > A) = 0.97002 (closed form, see BetaBinomialTest's pairs).
    assertThat(Verdicts.sentence(arm("B", 40, 12), arm("A", 40, 5), METRIC, THRESHOLD))
        .isEqualTo("B beats A on reply rate with 97% probability after 40 and 40 sends: adopt B");
  }

  @Test
  void keepsTheControlWhenItIsSureEnoughToBeBetter() {
    // P(B > A) = 0.03336, so A beats B with 96.66%.
    assertThat(Verdicts.sentence(arm("B", 40, 3), arm("A", 40, 9), METRIC, THRESHOLD))
        .isEqualTo("A beats B on reply rate with 96% probability after 40 and 40 sends: keep A");
  }

  @Test
  void keepsTestingWhenTheCandidateLeadsWithoutEnoughCertainty() {
    // P(B > A) = 0.87665; the candidate's sends come first.
    assertThat(Verdicts.sentence(arm("B", 34, 11), arm("A", 31, 6), METRIC, THRESHOLD))
        .isEqualTo(
            "B beats A on reply rate with 87% probability after 34 and 31 sends; keep testing");
  }

  @Test
  void keepsTestingFromTheControlsSideWhenTheControlLeads() {
    // P(B > A) = 0.29833, so A beats B with 70.17%.
    assertThat(Verdicts.sentence(arm("B", 34, 11), arm("A", 31, 12), METRIC, THRESHOLD))
        .isEqualTo(
            "A beats B on reply rate with 70% probability after 34 and 31 sends; keep testing");
  }

  @Test
  void roundsDownSoAnAlmostSureResultNeverShowsTheThreshold() {
    Arm b = arm("B", 40, 11);
    Arm a = arm("A", 40, 5);
    assertThat(ExactReference.probabilityBeats(b, a).doubleValue()).isBetween(0.9495, 0.95);

    assertThat(Verdicts.sentence(b, a, METRIC, THRESHOLD))
        .isEqualTo(
            "B beats A on reply rate with 94% probability after 40 and 40 sends; keep testing");
  }

  @Test
  void usesTheArmsKeysAndTheMetricsName() {
    assertThat(
            Verdicts.sentence(
                arm("short InMail", 40, 12), arm("long InMail", 40, 5), "acceptance rate", 0.9))
        .isEqualTo(
            "short InMail beats long InMail on acceptance rate with 97% probability after 40 and"
                + " 40 sends: adopt short InMail");
  }

  @Nested
  class WithoutSends {

    @Test
    void namesTheCandidateWithoutSends() {
      assertThat(Verdicts.sentence(arm("B", 0, 0), arm("A", 40, 3), METRIC, THRESHOLD))
          .isEqualTo("No sends of B yet; keep testing");
    }

    @Test
    void namesTheControlWithoutSends() {
      assertThat(Verdicts.sentence(arm("B", 40, 8), arm("A", 0, 0), METRIC, THRESHOLD))
          .isEqualTo("No sends of A yet; keep testing");
    }

    @Test
    void namesBothWhenNeitherHasSends() {
      assertThat(Verdicts.sentence(arm("B", 0, 0), arm("A", 0, 0), METRIC, THRESHOLD))
          .isEqualTo("No sends of B or A yet; keep testing");
    }
  }

  @Nested
  class Refuses {

    @Test
    void aThresholdThatWouldLetBothVerdictsApply() {
      assertThatThrownBy(() -> Verdicts.sentence(arm("B", 4, 1), arm("A", 4, 1), METRIC, 0.5))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("threshold");
      assertThatThrownBy(() -> Verdicts.sentence(arm("B", 4, 1), arm("A", 4, 1), METRIC, 1.0))
          .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aBlankMetricName() {
      assertThatThrownBy(() -> Verdicts.sentence(arm("B", 4, 1), arm("A", 4, 1), " ", THRESHOLD))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("metricName");
    }
  }
}
