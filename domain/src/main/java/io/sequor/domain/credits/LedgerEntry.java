package io.sequor.domain.credits;

import java.time.Instant;
import java.util.UUID;

/**
 * One credit movement.
 *
 * @param amount the change to the balance (a cut by the cap changes nothing and has amount 0)
 * @param quantity how many credits the movement concerned, cut ones included
 */
public record LedgerEntry(
    long id,
    String seatId,
    CreditLedger.Kind kind,
    int amount,
    int quantity,
    UUID lotId,
    UUID enrolmentId,
    String stepKey,
    Instant occurredAt) {}
