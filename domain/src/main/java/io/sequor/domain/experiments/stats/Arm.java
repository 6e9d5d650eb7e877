package io.sequor.domain.experiments.stats;

import io.sequor.domain.errors.InvalidInputException;

/**
 * One arm of an experiment: how many prospects received it and how many of them succeeded (replied,
 * accepted, ...).
 *
 * @param key the arm's name as a report shows it, e.g. "A" or "B"
 */
public record Arm(String key, long sends, long successes) {

  public Arm {
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("key", "must not be blank");
    }
    if (sends < 0) {
      throw new InvalidInputException("sends", "must be 0 or more, was " + sends);
    }
    if (successes < 0 || successes > sends) {
      throw new InvalidInputException(
          "successes", "must be between 0 and sends (" + sends + "), was " + successes);
    }
  }

  public long failures() {
    return sends - successes;
  }
}
