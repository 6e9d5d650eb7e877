package io.sequor.worker.linkedin;

import io.sequor.workflows.sequence.Channel;

/** A rendered LinkedIn action for one recipient, sent from one seat. */
public record LinkedInMessage(
    String seatId,
    String profileUrl,
    Channel channel,
    String subject,
    String body,
    String idempotencyKey) {}
