package io.sequor.worker.email;

import java.util.regex.Pattern;

/**
 * The mail server did not accept the message, so it certainly did not go out. The message has email
 * addresses masked: it travels into Temporal's history and the logs, which hold no PII.
 */
public class EmailRejectedException extends RuntimeException {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"',;:]+");
  private final boolean permanent;

  // The cause is dropped on purpose: its message names the recipient.
  public EmailRejectedException(String message, boolean permanent) {
    super(ADDRESS.matcher(message).replaceAll("<address>"));
    this.permanent = permanent;
  }

  /** True when the recipient address is refused; retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }
}
