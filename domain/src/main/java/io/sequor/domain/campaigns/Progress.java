package io.sequor.domain.campaigns;

import java.util.Map;

/**
 * How far a launch is.
 *
 * @param audience prospects in the frozen audience; 0 before launch
 * @param remaining audience prospects not decided yet
 * @param skippedBy the skipped prospects counted by reason
 * @param running enrolments of the campaign still running (active, paused or listening)
 */
public record Progress(
    long audience,
    long enrolled,
    long skipped,
    long remaining,
    Map<SkipReason, Long> skippedBy,
    long running) {}
