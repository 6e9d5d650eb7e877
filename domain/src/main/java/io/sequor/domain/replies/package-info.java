/**
 * Inbound email: each message read from a sender mailbox or posted to the inbound webhook is
 * classified, matched to the enrolments it answers and recorded as their responses, once.
 */
package io.sequor.domain.replies;
