package io.sequor.domain.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * When the steps of an enrolment may go out, in the prospect's local time.
 *
 * @param windowStart first local time of day a step may go out
 * @param windowEnd local time of day from which no step goes out (exclusive; after windowStart)
 * @param days the days of the week steps go out on
 * @param timezone the zone of prospects without one
 * @param offsets how a step's day offset is counted
 * @param skipHolidays whether no step goes out on a public holiday of the prospect's country
 * @param country the country of prospects without one (ISO 3166-1 alpha-2); null: such prospects
 *     have no holidays skipped
 */
public record Schedule(
    LocalTime windowStart,
    LocalTime windowEnd,
    Set<DayOfWeek> days,
    ZoneId timezone,
    OffsetUnit offsets,
    boolean skipHolidays,
    String country) {

  public Schedule {
    days = Set.copyOf(days);
  }
}
