package io.sequor.domain.sequences;

/**
 * What a step's experiment tests and when it ends.
 *
 * @param varies the one element the variants change
 * @param metric what a win is measured on; REPLY when absent
 * @param stopAtProbability end when one variant beats the others with this probability (0.5 to
 *     0.999), or null
 * @param stopAfterSendsPerVariant end when every variant has had this many sends, or null
 */
public record ExperimentSpec(
    Varies varies, Metric metric, Double stopAtProbability, Integer stopAfterSendsPerVariant) {

  public ExperimentSpec {
    if (metric == null) {
      metric = Metric.REPLY;
    }
  }

  /** The element of the copy (or the audience) an experiment changes. */
  public enum Varies {
    SUBJECT,
    OPENING,
    CTA,
    ARTIFACT,
    SEGMENT;

    /** How warnings and documents name it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What an experiment is won on. */
  public enum Metric {
    /** Human replies (never out-of-office) per send. */
    REPLY,
    /** Replies whose classification in force is POSITIVE, per send. */
    POSITIVE
  }
}
