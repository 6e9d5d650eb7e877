package io.sequor.domain.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * When a step goes out, and why then.
 *
 * @param at the planned instant
 * @param zone the zone it was planned in: the prospect's, or the schedule's default
 * @param country the country whose holidays were skipped; null when none were
 * @param notes what shaped the time, for people: a default zone used, holidays skipped
 */
public record PlannedSend(Instant at, ZoneId zone, String country, List<String> notes) {

  public PlannedSend {
    notes = List.copyOf(notes);
  }

  /** The planned moment on the local clock it was planned by. */
  public ZonedDateTime local() {
    return at.atZone(zone);
  }

  /** One line for a step's plan: the local time, then the notes. */
  public String describe() {
    StringBuilder text = new StringBuilder("planned for ").append(local());
    for (String note : notes) {
      text.append("; ").append(note);
    }
    return text.toString();
  }
}
