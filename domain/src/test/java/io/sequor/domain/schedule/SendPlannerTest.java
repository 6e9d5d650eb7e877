package io.sequor.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.errors.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendPlannerTest {

  private static final PublicHolidays HOLIDAYS = new PublicHolidays();
  private static final SendPlanner PLANNER = new SendPlanner(HOLIDAYS);
  private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static Schedule schedule(
      String start, String end, Set<DayOfWeek> days, String zone, OffsetUnit unit, String country) {
    return new Schedule(
        LocalTime.parse(start), LocalTime.parse(end), days, ZoneId.of(zone), unit, true, country);
  }

  private static Instant at(String local, String zone) {
    return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
  }

  /**
   * Anchors every 3 h 17 min over the weeks around both DST changes of 2027 in the zone, each with
   * offsets 0 to 15: every planned send lies inside the window on the local clock, on a sending day
   * that is no public holiday, and never before its anchor.
   */
  @ParameterizedTest(name = "{0}, window {1}-{2}, {3}")
  @CsvSource({
    "America/New_York, 09:00, 17:00, CALENDAR_DAYS, US, 2027-02-25, 2027-11-01",
    "America/New_York, 02:15, 03:45, BUSINESS_DAYS, US, 2027-02-25, 2027-11-01",
    "America/New_York, 01:00, 02:30, CALENDAR_DAYS, US, 2027-02-25, 2027-11-01",
    "Europe/Paris, 08:30, 18:00, BUSINESS_DAYS, FR, 2027-03-10, 2027-10-15",
    "Europe/Paris, 02:00, 03:30, CALENDAR_DAYS, FR, 2027-03-10, 2027-10-15",
    "Asia/Kolkata, 10:00, 16:30, CALENDAR_DAYS, IN, 2027-01-10, 2027-08-01",
    "Australia/Lord_Howe, 09:00, 17:00, CALENDAR_DAYS, AU, 2027-03-20, 2027-09-20",
    "Australia/Lord_Howe, 01:45, 02:45, BUSINESS_DAYS, AU, 2027-03-20, 2027-09-20"
  })
  void everyPlannedSendFallsInsideTheLocalWindowOnASendingDay(
      String zoneId,
      String start,
      String end,
      OffsetUnit unit,
      String country,
      LocalDate springFrom,
      LocalDate autumnFrom) {
    ZoneId zone = ZoneId.of(zoneId);
    Schedule schedule = schedule(start, end, WEEKDAYS, zoneId, unit, country);
    int checked = 0;
    for (LocalDate from : List.of(springFrom, autumnFrom)) {
      Instant anchor = from.atStartOfDay(zone).toInstant();
      Instant until = anchor.plus(Duration.ofDays(40));
      for (; anchor.isBefore(until); anchor = anchor.plus(Duration.ofMinutes(197))) {
        for (int offset = 0; offset <= 15; offset++) {
          PlannedSend planned = PLANNER.plan(anchor, offset, schedule, zoneId, country);
          ZonedDateTime local = planned.at().atZone(zone);
          String what = "anchor " + anchor.atZone(zone) + " offset " + offset + ": " + local;
          assertThat(local.toLocalTime())
              .as(what)
              .isAfterOrEqualTo(schedule.windowStart())
              .isBefore(schedule.windowEnd());
          assertThat(WEEKDAYS).as(what).contains(local.getDayOfWeek());
          assertThat(HOLIDAYS.holiday(country, local.toLocalDate())).as(what).isEmpty();
          assertThat(planned.at()).as(what).isAfterOrEqualTo(anchor);
          assertThat(planned.zone()).isEqualTo(zone);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(9_000);
  }

  @Test
  void aCalendarOffsetKeepsTheLocalTimeOfDayAcrossTheMarchChange() {
    Schedule schedule =
        schedule(
            "09:00",
            "17:00",
            EnumSet.allOf(DayOfWeek.class),
            "UTC",
            OffsetUnit.CALENDAR_DAYS,
            "US");
    // 10:00 EST on Friday; the clocks go forward on Sunday 14 March 2027.
    Instant anchor = at("2027-03-12T10:00", "America/New_York");
    PlannedSend planned = PLANNER.plan(anchor, 3, schedule, "America/New_York", "US");
    assertThat(planned.local().toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-03-15T10:00"));
    assertThat(Duration.between(anchor, planned.at())).isEqualTo(Duration.ofHours(71));
  }

  @Test
  void aWindowStartInTheSpringGapMovesToTheEndOfTheGapNotPastTheWindow() {
    Schedule schedule =
        schedule(
            "02:30",
            "03:30",
            EnumSet.allOf(DayOfWeek.class),
            "UTC",
            OffsetUnit.CALENDAR_DAYS,
            null);
    Instant anchor = at("2027-03-13T20:00", "America/New_York");
    PlannedSend planned = PLANNER.plan(anchor, 0, schedule, "America/New_York", null);
    // 02:30 does not exist on 14 March; 03:00 EDT is the first moment after the gap.
    assertThat(planned.local().toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-03-14T03:00"));
  }

  @Test
  void aWindowWhollyInsideTheGapSkipsThatDay() {
    Schedule schedule =
        schedule(
            "02:00",
            "02:30",
            EnumSet.allOf(DayOfWeek.class),
            "UTC",
            OffsetUnit.CALENDAR_DAYS,
            null);
    Instant anchor = at("2027-10-02T20:00", "Australia/Lord_Howe");
    PlannedSend planned = PLANNER.plan(anchor, 0, schedule, "Australia/Lord_Howe", null);
    // Lord Howe goes from 02:00 to 02:30 on 3 October 2027: the window does not exist that day.
    assertThat(planned.local().toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-10-04T02:00"));
  }

  @Test
  void theNovemberOverlapSendsAtTheFirstOccurrence() {
    Schedule schedule =
        schedule(
            "01:30",
            "02:00",
            EnumSet.allOf(DayOfWeek.class),
            "UTC",
            OffsetUnit.CALENDAR_DAYS,
            null);
    Instant anchor = at("2027-11-06T00:30", "America/New_York");
    PlannedSend planned = PLANNER.plan(anchor, 1, schedule, "America/New_York", null);
    assertThat(planned.at()).isEqualTo(Instant.parse("2027-11-07T05:30:00Z"));
  }

  @Nested
  class Holidays {

    @Test
    void skipsThanksgivingInTheUnitedStates() {
      Schedule schedule =
          schedule("09:00", "17:00", WEEKDAYS, "UTC", OffsetUnit.CALENDAR_DAYS, null);
      Instant anchor = at("2027-11-24T10:00", "America/New_York");
      PlannedSend planned = PLANNER.plan(anchor, 1, schedule, "America/New_York", "US");
      assertThat(planned.local().toLocalDate()).isEqualTo(LocalDate.parse("2027-11-26"));
      assertThat(planned.notes()).anyMatch(n -> n.contains("2027-11-25") && n.contains("US"));
    }

    @Test
    void skipsBastilleDayInFrance() {
      Schedule schedule =
          schedule("09:00", "17:00", WEEKDAYS, "UTC", OffsetUnit.CALENDAR_DAYS, null);
      Instant anchor = at("2027-07-13T11:00", "Europe/Paris");
      PlannedSend planned = PLANNER.plan(anchor, 1, schedule, "Europe/Paris", "fr");
      assertThat(planned.local().toLocalDateTime())
          .as("the nominal day is the holiday: the next day's window opens it")
          .isEqualTo(LocalDateTime.parse("2027-07-15T09:00"));
    }

    @Test
    void skipsRepublicDayInIndia() {
      Schedule schedule =
          schedule("10:00", "16:00", WEEKDAYS, "UTC", OffsetUnit.BUSINESS_DAYS, null);
      Instant anchor = at("2027-01-25T12:00", "Asia/Kolkata");
      PlannedSend planned = PLANNER.plan(anchor, 1, schedule, "Asia/Kolkata", "IN");
      assertThat(planned.local().toLocalDate()).isEqualTo(LocalDate.parse("2027-01-27"));
    }

    @Test
    void aProspectWithoutACountryGetsTheSchedulesDefault() {
      Schedule schedule =
          schedule("09:00", "17:00", WEEKDAYS, "UTC", OffsetUnit.CALENDAR_DAYS, "US");
      Instant anchor = at("2027-11-24T10:00", "America/New_York");
      PlannedSend planned = PLANNER.plan(anchor, 1, schedule, "America/New_York", null);
      assertThat(planned.local().toLocalDate()).isEqualTo(LocalDate.parse("2027-11-26"));
      assertThat(planned.country()).isEqualTo("US");
    }

    @Test
    void aScheduleThatDoesNotSkipHolidaysSendsOnThem() {
      Schedule schedule =
          new Schedule(
              LocalTime.of(9, 0),
              LocalTime.of(17, 0),
              WEEKDAYS,
              ZoneId.of("UTC"),
              OffsetUnit.CALENDAR_DAYS,
              false,
              "US");
      Instant anchor = at("2027-11-24T10:00", "America/New_York");
      PlannedSend planned = PLANNER.plan(anchor, 1, schedule, "America/New_York", "US");
      assertThat(planned.local().toLocalDate()).isEqualTo(LocalDate.parse("2027-11-25"));
    }
  }

  @Test
  void businessDayOffsetsSkipWeekends() {
    Schedule schedule = schedule("09:00", "17:00", WEEKDAYS, "UTC", OffsetUnit.BUSINESS_DAYS, null);
    Instant friday = at("2027-03-05T10:00", "America/New_York");
    List<LocalDate> days = new ArrayList<>();
    for (int offset = 1; offset <= 3; offset++) {
      days.add(
          PLANNER.plan(friday, offset, schedule, "America/New_York", null).local().toLocalDate());
    }
    assertThat(days)
        .containsExactly(
            LocalDate.parse("2027-03-08"),
            LocalDate.parse("2027-03-09"),
            LocalDate.parse("2027-03-10"));
    PlannedSend calendar =
        PLANNER.plan(
            friday,
            1,
            schedule("09:00", "17:00", WEEKDAYS, "UTC", OffsetUnit.CALENDAR_DAYS, null),
            "America/New_York",
            null);
    assertThat(calendar.local().toLocalDate())
        .as("a calendar day lands on Saturday, which moves to the next sending day")
        .isEqualTo(LocalDate.parse("2027-03-08"));
  }

  @Test
  void aProspectWithoutATimezoneIsPlannedInTheSchedulesDefaultAndThePlanSaysSo() {
    Schedule schedule =
        schedule("09:00", "17:00", WEEKDAYS, "Europe/Paris", OffsetUnit.CALENDAR_DAYS, "FR");
    Instant anchor = Instant.parse("2027-06-01T05:00:00Z");
    PlannedSend planned = PLANNER.plan(anchor, 0, schedule, null, null);
    assertThat(planned.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(planned.local().toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2027-06-01T09:00"));
    assertThat(planned.describe()).contains("no timezone").contains("Europe/Paris");
  }

  @Test
  void anAnchorInsideTheWindowSendsAtOnceOnDayZero() {
    Schedule schedule = schedule("09:00", "17:00", WEEKDAYS, "UTC", OffsetUnit.CALENDAR_DAYS, null);
    Instant anchor = at("2027-06-01T11:23:45", "Asia/Kolkata");
    assertThat(PLANNER.plan(anchor, 0, schedule, "Asia/Kolkata", null).at()).isEqualTo(anchor);
  }

  @Nested
  class Validation {

    @Test
    void namesEveryWrongField() {
      ScheduleData data =
          new ScheduleData(
              "9am", "08:00", List.of("MONDAY", "Funday"), "Mars/Olympus", "WEEKS", null, "XX");
      assertThatThrownBy(() -> data.toSchedule("schedule"))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.problems())
                      .extracting(p -> p.field())
                      .containsExactlyInAnyOrder(
                          "schedule.windowStart",
                          "schedule.days[1]",
                          "schedule.timezone",
                          "schedule.offsets",
                          "schedule.country"));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
      ScheduleData data = new ScheduleData("17:00", "09:00", null, "UTC", null, null, null);
      assertThatThrownBy(() -> data.toSchedule("schedule"))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.problems())
                      .extracting(p -> p.field())
                      .containsExactly("schedule.windowEnd"));
    }

    @Test
    void defaultsToWeekdaysCalendarDaysAndSkippingHolidays() {
      Schedule schedule =
          new ScheduleData("09:00", "17:00", null, "Europe/Paris", null, null, "fr")
              .toSchedule("schedule");
      assertThat(schedule.days()).isEqualTo(WEEKDAYS);
      assertThat(schedule.offsets()).isEqualTo(OffsetUnit.CALENDAR_DAYS);
      assertThat(schedule.skipHolidays()).isTrue();
      assertThat(schedule.country()).isEqualTo("FR");
      assertThat(ScheduleData.of(schedule).toSchedule("schedule")).isEqualTo(schedule);
    }
  }
}
