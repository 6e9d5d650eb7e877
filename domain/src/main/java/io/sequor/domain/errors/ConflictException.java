package io.sequor.domain.errors;

/** The request clashes with the current state, for example a prospect already enrolled. */
public class ConflictException extends RuntimeException {
  private final String existingId;

  public ConflictException(String message, String existingId) {
    super(message);
    this.existingId = existingId;
  }

  /** The id of the resource the request clashed with, when there is one. */
  public String existingId() {
    return existingId;
  }
}
