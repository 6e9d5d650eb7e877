package io.sequor.api.dev;

import java.time.Duration;
import java.time.Instant;

/** Moves the engine's clock; only the embedded runtime provides one. */
public interface DevClock {
  Instant now();

  /** Advances time, firing every timer due on the way, and returns the new time. */
  Instant advance(Duration duration);
}
