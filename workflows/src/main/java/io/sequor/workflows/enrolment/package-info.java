/**
 * The enrolment workflow: one durable run per prospect per sequence, with its signals and state.
 */
package io.sequor.workflows.enrolment;
