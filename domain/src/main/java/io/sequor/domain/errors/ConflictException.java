package io.sequor.domain.errors;

import java.util.List;

/** The request clashes with the current state, for example a prospect already enrolled. */
public class ConflictException extends RuntimeException {
  private final String existingId;
  private final List<FieldProblem> problems;

  public ConflictException(String message, String existingId) {
    this(message, existingId, List.of());
  }

  /**
   * @param problems the fields whose values clash, when the clash is about a field
   */
  public ConflictException(String message, String existingId, List<FieldProblem> problems) {
    super(message);
    this.existingId = existingId;
    this.problems = List.copyOf(problems);
  }

  /** The id of the resource the request clashed with, when there is one. */
  public String existingId() {
    return existingId;
  }

  /** The fields whose values clash; empty when the clash is not about a field. */
  public List<FieldProblem> problems() {
    return problems;
  }
}
