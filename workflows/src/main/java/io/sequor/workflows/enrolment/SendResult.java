package io.sequor.workflows.enrolment;

import java.time.Instant;

/**
 * @param messageId our email Message-ID or the provider's message id
 * @param creditSpent whether this send consumed an InMail credit
 * @param at when the send happened (or was found to have happened)
 */
public record SendResult(
    SendOutcome outcome, String messageId, boolean creditSpent, Instant at, String detail) {}
