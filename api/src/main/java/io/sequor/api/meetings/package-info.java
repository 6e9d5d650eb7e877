/** Meetings booked with prospects: through the API, or a calendar tool's signed webhook. */
package io.sequor.api.meetings;
