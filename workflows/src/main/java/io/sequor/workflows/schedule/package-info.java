/** The activity a scheduled enrolment asks for each step's send time. */
package io.sequor.workflows.schedule;
