package io.sequor.domain.sequences;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable version of a sequence: editing a sequence adds a new version.
 *
 * @param requiresTrigger whether a prospect needs a trigger (its own or its segment's) to be
 *     enrolled
 */
public record SequenceVersion(
    UUID id,
    UUID sequenceId,
    String sequenceName,
    int version,
    List<StepDefinition> steps,
    Instant createdAt,
    boolean requiresTrigger) {

  /** A version without the trigger requirement. */
  public SequenceVersion(
      UUID id,
      UUID sequenceId,
      String sequenceName,
      int version,
      List<StepDefinition> steps,
      Instant createdAt) {
    this(id, sequenceId, sequenceName, version, steps, createdAt, false);
  }

  public Optional<StepDefinition> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
