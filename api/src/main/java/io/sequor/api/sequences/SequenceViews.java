package io.sequor.api.sequences;

import io.sequor.domain.sequences.Sequence;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.sequences.Warning;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies for sequences. */
final class SequenceViews {
  private SequenceViews() {}

  record SequenceView(UUID id, String name, int latestVersion, Instant createdAt) {
    static SequenceView of(Sequence s) {
      return new SequenceView(s.id(), s.name(), s.latestVersion(), s.createdAt());
    }
  }

  record VersionView(
      UUID sequenceId,
      String name,
      int version,
      UUID versionId,
      List<StepDefinition> steps,
      List<Warning> warnings,
      Instant createdAt,
      boolean requiresTrigger) {
    static VersionView of(SequenceVersion v, List<Warning> warnings) {
      return new VersionView(
          v.sequenceId(),
          v.sequenceName(),
          v.version(),
          v.id(),
          v.steps(),
          warnings,
          v.createdAt(),
          v.requiresTrigger());
    }
  }
}
