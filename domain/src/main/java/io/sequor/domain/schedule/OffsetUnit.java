package io.sequor.domain.schedule;

/** How a step's day offset is counted. */
public enum OffsetUnit {
  /** Every calendar day counts. */
  CALENDAR_DAYS,
  /** Only the days the schedule sends on count: its days of the week, minus public holidays. */
  BUSINESS_DAYS
}
