package io.sequor.workflows.campaign;

/**
 * One launch page's outcome.
 *
 * @param cursor the last prospect id of the page; the next page starts after it
 * @param last no prospect of the audience is left after this page
 */
public record PageResult(int enrolled, int skipped, String cursor, boolean last) {}
