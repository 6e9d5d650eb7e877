/**
 * Pacing of senders, enforced by booked slots: seats (caps per action, send windows, gaps, ramp-up
 * and back-off) and mailboxes (a daily cap, a send window and gaps), sharing one search.
 */
package io.sequor.domain.pacing;
