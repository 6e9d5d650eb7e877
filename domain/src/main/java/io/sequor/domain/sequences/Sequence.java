package io.sequor.domain.sequences;

import java.time.Instant;
import java.util.UUID;

/** A named sequence and its newest version number. */
public record Sequence(UUID id, String name, int latestVersion, Instant createdAt) {}
