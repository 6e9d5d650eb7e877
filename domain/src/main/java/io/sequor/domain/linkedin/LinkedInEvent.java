package io.sequor.domain.linkedin;

import java.time.Instant;
import java.util.UUID;

/**
 * One event a LinkedIn provider delivered, as stored.
 *
 * @param relatedMessageId the provider id of the Sequor message the event answers, if given
 * @param relatedChatId the provider's conversation id, if given
 * @param enrolmentId the enrolment it matched; null when it matched no send
 * @param responseId the response it became; null until recorded, and for unmatched events
 * @param text the message text, kept only while the event is unmatched
 */
public record LinkedInEvent(
    String eventId,
    String type,
    String relatedMessageId,
    String relatedChatId,
    Instant occurredAt,
    UUID enrolmentId,
    UUID responseId,
    String text,
    Instant receivedAt) {}
