/** Plans the send times of scheduled enrolments, with the same planner the preview uses. */
package io.sequor.worker.schedule;
