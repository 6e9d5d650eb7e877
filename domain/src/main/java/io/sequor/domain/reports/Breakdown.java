package io.sequor.domain.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The dimension a report's rows are grouped by. Message-level breakdowns count delivered messages;
 * enrolment-level ones count enrolments, like the report's totals (docs/metrics.md).
 */
public enum Breakdown {
  STEP(true, "step_key"),
  VARIANT(true, "variant"),
  CHANNEL(true, "channel"),
  SEGMENT(false, "segment"),
  SEAT(false, "seat_id"),
  CAMPAIGN(false, "campaign_id"),
  MAILBOX(false, "mailbox_id");

  private final boolean messageLevel;
  private final String column;

  Breakdown(boolean messageLevel, String column) {
    this.messageLevel = messageLevel;
    this.column = column;
  }

  public boolean messageLevel() {
    return messageLevel;
  }

  String column() {
    return column;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Breakdown> ofWireName(String name) {
    return Arrays.stream(values()).filter(b -> b.wireName().equals(name)).findFirst();
  }
}
