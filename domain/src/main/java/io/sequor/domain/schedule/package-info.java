/**
 * When a step may go out: a schedule's send window, days and holidays, and the planner that turns
 * an enrolment's start and a step's offset into a send time in the prospect's own zone.
 */
package io.sequor.domain.schedule;
