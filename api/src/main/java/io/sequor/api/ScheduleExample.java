package io.sequor.api;

/** The schedule the OpenAPI examples show, shared by the operations that take one. */
public final class ScheduleExample {

  public static final String JSON =
      "{\"windowStart\":\"09:00\",\"windowEnd\":\"17:00\",\"days\":[\"MONDAY\",\"TUESDAY\","
          + "\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"timezone\":\"America/New_York\","
          + "\"offsets\":\"BUSINESS_DAYS\",\"skipHolidays\":true,\"country\":\"US\"}";

  private ScheduleExample() {}
}
