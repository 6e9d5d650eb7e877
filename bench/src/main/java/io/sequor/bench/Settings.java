package io.sequor.bench;

import java.time.Duration;

/** What one run does, from system properties ({@code -Dbench.enrolments=1000} and so on). */
record Settings(
    int enrolments,
    int starts,
    int concurrency,
    int warmupEnrolments,
    int warmupStarts,
    int breakdown,
    Duration phaseLimit,
    boolean history,
    int campaign,
    int campaignPage) {

  static Settings fromSystemProperties() {
    Settings s =
        new Settings(
            Integer.getInteger("bench.enrolments", 500),
            Integer.getInteger("bench.starts", 500),
            Integer.getInteger("bench.concurrency", 8),
            Integer.getInteger("bench.warmup-enrolments", 200),
            Integer.getInteger("bench.warmup-starts", 1000),
            Integer.getInteger("bench.breakdown", 100),
            Duration.parse(System.getProperty("bench.phase-limit", "PT3M")),
            Boolean.parseBoolean(System.getProperty("bench.history", "true")),
            Integer.getInteger("bench.campaign", 10_000),
            Integer.getInteger("bench.campaign-page", 200));
    if (s.enrolments < 1
        || s.starts < 1
        || s.concurrency < 1
        || s.warmupEnrolments < 0
        || s.warmupStarts < 0
        || s.breakdown < 1
        || s.campaign < 0
        || s.campaignPage < 1
        || s.campaignPage > 1000) {
      throw new IllegalArgumentException("counts must be positive: " + s);
    }
    if (s.phaseLimit.isNegative() || s.phaseLimit.isZero()) {
      throw new IllegalArgumentException("bench.phase-limit must be positive: " + s.phaseLimit);
    }
    return s;
  }

  String describe() {
    return String.format(
        "enrolments %d, bare starts %d, concurrency %d, warm-up %d enrolments and %d starts,"
            + " breakdown %d, phase limit %s, history %s, campaign %d in pages of %d",
        enrolments,
        starts,
        concurrency,
        warmupEnrolments,
        warmupStarts,
        breakdown,
        phaseLimit,
        history ? "on" : "off",
        campaign,
        campaignPage);
  }
}
