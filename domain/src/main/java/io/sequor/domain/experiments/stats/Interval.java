package io.sequor.domain.experiments.stats;

/** A range of values, both ends included. */
public record Interval(double lower, double upper) {}
