/** Meetings booked with prospects: the last step of the funnel the reports count. */
package io.sequor.domain.meetings;
