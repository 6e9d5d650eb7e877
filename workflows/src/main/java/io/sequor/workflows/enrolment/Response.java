package io.sequor.workflows.enrolment;

import io.sequor.workflows.sequence.Medium;
import java.time.Instant;

/**
 * A response signal.
 *
 * @param responseId store id of the recorded response; a repeated signal with the same id is
 *     ignored
 * @param returnAt for an out-of-office, when the prospect is back, if the message said so
 */
public record Response(
    String responseId, Medium channel, ResponseKind kind, Instant occurredAt, Instant returnAt) {}
