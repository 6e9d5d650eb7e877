package io.sequor.api.campaigns;

import io.sequor.domain.campaigns.Audience;
import io.sequor.domain.schedule.ScheduleData;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What clients send to create a campaign. */
final class CampaignRequests {

  private CampaignRequests() {}

  /**
   * A campaign to create.
   *
   * @param version the sequence's version; its latest when absent
   * @param seatIds the seats its LinkedIn steps go out from, in rotation; the default seat when
   *     absent
   * @param mailboxIds the mailboxes its emails go out from, in rotation; the default when absent
   * @param allowActiveElsewhere enrol prospects who are live in another sequence as well (by
   *     default they are skipped)
   * @param stopCompanyOnReply a reply from one person stops the campaign's other enrolments at the
   *     same company
   * @param schedule the send window, days, default timezone, offsets and holidays every enrolment
   *     of the campaign keeps to; none: steps go out when due
   */
  @Schema(
      name = "CampaignCreate",
      example =
          """
          {"name": "Q1 heads of sales",
           "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de",
           "audience": {"filter": {"segment": "heads-of-sales", "company": null,
                                   "emailDomain": null, "timezone": null,
                                   "hasEmail": true, "hasLinkedin": null}},
           "seatIds": ["default"], "mailboxIds": ["default"],
           "allowActiveElsewhere": false, "stopCompanyOnReply": true,
           "pace": {"pageSize": 100, "pageInterval": "PT1S"},
           "schedule": {"windowStart": "09:00", "windowEnd": "17:00",
                        "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
                        "timezone": "America/New_York", "offsets": "BUSINESS_DAYS",
                        "skipHolidays": true, "country": "US"}}""")
  record Create(
      String name,
      UUID sequenceId,
      Integer version,
      Audience audience,
      List<String> seatIds,
      List<String> mailboxIds,
      Boolean allowActiveElsewhere,
      Boolean stopCompanyOnReply,
      Pace pace,
      ScheduleData schedule) {}

  /**
   * How fast the launch enrols.
   *
   * @param pageSize prospects enrolled per page (1-1000)
   * @param pageInterval the pause between pages, an ISO-8601 duration (at most PT1H)
   */
  record Pace(Integer pageSize, Duration pageInterval) {}
}
