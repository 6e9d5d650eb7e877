package io.sequor.workflows.sandbox;

import io.sequor.workflows.enrolment.ResponseKind;
import java.time.Duration;
import java.time.Instant;

/**
 * One answer the sandbox plays back for a prospect.
 *
 * @param kind what the prospect does
 * @param after how long after the send it lands, on the engine's clock
 * @param text what the prospect writes, if anything
 * @param returnAt for an auto-reply, the return date it names; may be null
 */
public record ScriptedResponse(ResponseKind kind, Duration after, String text, Instant returnAt) {}
