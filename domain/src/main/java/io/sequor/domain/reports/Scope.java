package io.sequor.domain.reports;

/** What a report covers: every event of one campaign, one sequence (all versions) or one seat. */
public enum Scope {
  CAMPAIGN("campaign_id"),
  SEQUENCE("sequence_id"),
  SEAT("seat_id");

  private final String column;

  Scope(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
