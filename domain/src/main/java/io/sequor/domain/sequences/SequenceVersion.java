package io.sequor.domain.sequences;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An immutable version of a sequence: editing a sequence adds a new version. */
public record SequenceVersion(
    UUID id,
    UUID sequenceId,
    String sequenceName,
    int version,
    List<StepDefinition> steps,
    Instant createdAt) {

  public Optional<StepDefinition> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
