package io.sequor.domain.config;

import java.time.Instant;

/**
 * The time the engine lives in. In production it is the wall clock; in the embedded runtime it is
 * the Temporal test server's clock, which the dev clock can move forward.
 */
@FunctionalInterface
public interface SequorClock {
  Instant now();
}
