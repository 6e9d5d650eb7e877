package io.sequor.workflows.email;

import java.time.Instant;

/**
 * When an email may go out from its mailbox.
 *
 * @param at the booked slot; for a held email, when to ask again
 * @param held the mailbox is disabled: nothing was booked, ask again at {@code at}
 * @param detail why it is held
 */
public record EmailSlot(Instant at, boolean held, String detail) {

  public static EmailSlot booked(Instant at) {
    return new EmailSlot(at, false, null);
  }

  public static EmailSlot held(Instant until, String why) {
    return new EmailSlot(until, true, why);
  }
}
