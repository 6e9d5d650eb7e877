package io.sequor.domain.experiments.stats;

/** TEMPORARY stand-in until the stats helper's branch is merged. */
public record Arm(String key, long sends, long successes) {}
