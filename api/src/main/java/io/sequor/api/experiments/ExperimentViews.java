package io.sequor.api.experiments;

import io.sequor.domain.experiments.Experiment;
import io.sequor.domain.experiments.ExperimentReport;
import io.sequor.domain.sequences.ExperimentSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies for experiments. */
final class ExperimentViews {
  private ExperimentViews() {}

  @Schema(description = "Ends a running experiment by hand", example = Examples.END)
  record EndRequest(
      @Schema(description = "The variant new enrolments get from now on", example = "B")
          String winner) {}

  @Schema(example = Examples.EXPERIMENT)
  record ExperimentView(
      UUID id,
      UUID sequenceId,
      UUID sequenceVersionId,
      String stepKey,
      ExperimentSpec.Varies varies,
      List<String> variants,
      ExperimentSpec.Metric metric,
      Double stopAtProbability,
      Integer stopAfterSendsPerVariant,
      Experiment.Status status,
      String winner,
      String endedReason,
      Instant endedAt,
      Instant createdAt) {
    static ExperimentView of(Experiment e) {
      return new ExperimentView(
          e.id(),
          e.sequenceId(),
          e.sequenceVersionId(),
          e.stepKey(),
          e.varies(),
          e.variants(),
          e.metric(),
          e.stopAtProbability(),
          e.stopAfterSendsPerVariant(),
          e.status(),
          e.winner(),
          e.endedReason(),
          e.endedAt(),
          e.createdAt());
    }
  }

  @Schema(example = Examples.PAGE)
  record ExperimentPage(List<ExperimentView> items, String nextCursor) {}

  @Schema(example = Examples.REPORT)
  record ReportView(
      UUID id,
      UUID sequenceId,
      UUID sequenceVersionId,
      String stepKey,
      ExperimentSpec.Varies varies,
      List<String> variants,
      ExperimentSpec.Metric metric,
      Double stopAtProbability,
      Integer stopAfterSendsPerVariant,
      Experiment.Status status,
      String winner,
      String endedReason,
      Instant endedAt,
      Instant createdAt,
      List<ExperimentReport.ArmResult> arms,
      List<ExperimentReport.Comparison> comparisons) {
    static ReportView of(ExperimentReport report) {
      Experiment e = report.experiment();
      return new ReportView(
          e.id(),
          e.sequenceId(),
          e.sequenceVersionId(),
          e.stepKey(),
          e.varies(),
          e.variants(),
          e.metric(),
          e.stopAtProbability(),
          e.stopAfterSendsPerVariant(),
          e.status(),
          e.winner(),
          e.endedReason(),
          e.endedAt(),
          e.createdAt(),
          report.arms(),
          report.comparisons());
    }
  }
}
