package io.sequor.worker.email;

/** A fully rendered email; {@code messageId} is ours and is recorded before the send. */
public record OutboundEmail(
    String messageId, String from, String to, String subject, String text) {}
