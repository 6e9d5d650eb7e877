/** Seat safety pacing: caps, send windows, gaps, ramp-up and back-off, enforced by booked slots. */
package io.sequor.domain.pacing;
