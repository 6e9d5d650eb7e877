package io.sequor.domain.experiments.stats;

/** TEMPORARY stand-in. */
public record Interval(double lower, double upper) {}
