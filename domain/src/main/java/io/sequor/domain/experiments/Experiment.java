package io.sequor.domain.experiments;

import io.sequor.domain.sequences.ExperimentSpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An experiment on one step of one sequence version.
 *
 * @param variants the keys compared, the control "A" first
 * @param assigned how many enrolments a running experiment has assigned by round robin
 */
public record Experiment(
    UUID id,
    UUID workspaceId,
    UUID sequenceId,
    UUID sequenceVersionId,
    String stepKey,
    ExperimentSpec.Varies varies,
    List<String> variants,
    ExperimentSpec.Metric metric,
    Double stopAtProbability,
    Integer stopAfterSendsPerVariant,
    Status status,
    String winner,
    String endedReason,
    Instant endedAt,
    long assigned,
    Instant createdAt) {

  public enum Status {
    RUNNING,
    ENDED
  }

  public ExperimentSpec spec() {
    return new ExperimentSpec(varies, metric, stopAtProbability, stopAfterSendsPerVariant);
  }
}
