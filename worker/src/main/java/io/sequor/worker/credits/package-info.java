/** Credit refunds requested by enrolment workflows. */
package io.sequor.worker.credits;
