package io.sequor.domain.pacing;

import java.time.Instant;
import java.util.UUID;

/** A moment booked for one email of an enrolment on a paced mailbox. */
public record MailboxSlot(
    String mailboxId, UUID enrolmentId, String stepKey, Instant at, Slot.Status status) {}
