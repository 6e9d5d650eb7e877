/**
 * Enrolling prospects, reading where each enrolment is, pausing, resuming, stopping and recording
 * responses.
 */
package io.sequor.api.enrolments;
