package io.sequor.domain.meetings;

import java.time.Instant;
import java.util.UUID;

/**
 * A meeting booked with an enrolment's prospect.
 *
 * @param scheduledFor when the meeting takes place, when the caller said
 * @param bookedAt when it was recorded, on the engine's clock; the reports count it then
 * @param source {@code API} or {@code CALENDAR_WEBHOOK}
 * @param externalId the calendar tool's id for the booking; a second booking with it is the same
 */
public record Meeting(
    UUID id,
    UUID enrolmentId,
    Instant scheduledFor,
    Instant bookedAt,
    String source,
    String externalId,
    Instant createdAt) {}
