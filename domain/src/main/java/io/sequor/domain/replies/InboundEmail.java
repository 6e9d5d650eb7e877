package io.sequor.domain.replies;

import java.time.Instant;
import java.util.UUID;

/**
 * An inbound email as Sequor read it.
 *
 * @param source {@code IMAP} or {@code WEBHOOK}
 * @param classification what the classifier made of it ({@code REPLY}, {@code AUTO_REPLY}, …)
 * @param status {@code RECORDED} (a response of each matched enrolment), {@code IGNORED} (our own
 *     copy, a transient delay notice) or {@code UNMATCHED} (kept for a person to review)
 * @param matchedBy {@code THREAD}, {@code BOUNCED_MESSAGE}, {@code BOUNCED_ADDRESS} or {@code
 *     SENDER}
 * @param excerpt the start of the text, kept for unmatched messages only
 */
public record InboundEmail(
    UUID id,
    String mailboxId,
    String source,
    String messageId,
    String fromAddress,
    String subject,
    String classification,
    String reason,
    Instant returnAt,
    String status,
    String matchedBy,
    String excerpt,
    Instant receivedAt,
    Instant recordedAt) {}
