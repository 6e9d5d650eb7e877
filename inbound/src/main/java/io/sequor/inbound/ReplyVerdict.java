package io.sequor.inbound;

/**
 * What the rules read from a human reply.
 *
 * @param signal what the reply does
 * @param classification how it counts, given the workspace's positive signals
 * @param matchedPhrase the phrase of the phrase lists that decided, folded as in the lists (never
 *     text of the reply itself beyond that phrase); {@code "?"} for a question known only by its
 *     question mark; null for {@link ReplySignal#NONE}
 * @param language the language of that phrase ({@code en}, {@code fr}, {@code de}, {@code es},
 *     {@code nl}, {@code pt}, {@code it}); null when no phrase decided
 */
public record ReplyVerdict(
    ReplySignal signal, ReplyClass classification, String matchedPhrase, String language) {}
