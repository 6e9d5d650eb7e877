package io.sequor.domain.enrolments;

import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import java.time.Instant;
import java.util.UUID;

/** A response as recorded, whatever the workflow made of it. */
public record ResponseRecord(
    UUID id,
    UUID enrolmentId,
    Medium channel,
    ResponseKind kind,
    Instant occurredAt,
    Instant returnAt,
    String body,
    Instant recordedAt) {}
