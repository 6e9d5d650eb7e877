package io.sequor.domain.sequences;

/**
 * Another version of a step's copy, compared with the step's own (the control, variant "A").
 *
 * @param key "B", "C" ...: an upper-case letter, then up to 15 upper-case letters, digits, '-' or
 *     '_'; never "A"
 * @param subject the subject, or null for the control's
 * @param body the body, or null for the control's
 * @param connectionNote the connection note of an InMail's fallback, or null for the control's
 * @param segment SEGMENT experiments only: the segment whose prospects get this variant
 */
public record Variant(
    String key, String subject, String body, String connectionNote, String segment) {}
