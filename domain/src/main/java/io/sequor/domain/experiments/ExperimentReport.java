package io.sequor.domain.experiments;

import java.util.List;

/**
 * How an experiment's variants did.
 *
 * @param arms every variant's counts, the control "A" first
 * @param comparisons each other variant against the control, on reply rate and on positive reply
 *     rate
 */
public record ExperimentReport(
    Experiment experiment, List<ArmResult> arms, List<Comparison> comparisons) {

  /**
   * One variant's counts.
   *
   * @param assigned enrolments given the variant, whether or not its message went out yet
   * @param sends enrolments the step's message went out to with this variant
   * @param replies of those, enrolments whose first human reply is attributed to this step
   * @param positiveReplies enrolments with a reply attributed to this step whose classification in
   *     force is POSITIVE
   */
  public record ArmResult(
      String variant,
      long assigned,
      long sends,
      long replies,
      long positiveReplies,
      double replyRate,
      double positiveReplyRate) {}

  /**
   * One variant against the control on one metric.
   *
   * @param metric REPLY or POSITIVE
   * @param probabilityBeatsControl P(the variant's true rate is higher than the control's), from
   *     Beta(1, 1) priors
   * @param differenceLower lower end of the 95% credible interval of variant rate - control rate
   * @param differenceUpper its upper end
   * @param fisherP Fisher's exact test, two-sided p-value
   * @param sentence the plain-words verdict
   */
  public record Comparison(
      String variant,
      String control,
      String metric,
      double probabilityBeatsControl,
      double differenceLower,
      double differenceUpper,
      double fisherP,
      String sentence) {}
}
