package io.sequor.worker.email;

/** The mail server did not accept the message, so it certainly did not go out. */
public class EmailRejectedException extends RuntimeException {
  private final boolean permanent;

  public EmailRejectedException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  /** True when the recipient address is refused; retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }
}
