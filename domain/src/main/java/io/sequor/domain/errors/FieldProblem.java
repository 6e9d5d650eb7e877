package io.sequor.domain.errors;

/**
 * One thing wrong with a request: the field (a JSON path such as {@code steps[2].body}) and why.
 */
public record FieldProblem(String field, String reason) {}
