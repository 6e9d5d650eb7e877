package io.sequor.api.campaigns;

import io.sequor.domain.campaigns.Audience;
import io.sequor.domain.campaigns.Campaign;
import io.sequor.domain.campaigns.Progress;
import io.sequor.domain.schedule.ScheduleData;
import io.sequor.workflows.campaign.CampaignPhase;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign and how far its launch is.
 *
 * @param schedule the schedule its enrolments keep to; null: steps go out when due
 * @param progress counted from the store while the launch runs: audience, enrolled, skipped (and by
 *     reason), remaining, running
 */
@Schema(
    example =
        """
          {"id": "3f2a9c1e-6b7d-4e21-9a0f-5c8d7e6b4a31", "name": "Q1 heads of sales",
           "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de", "version": 1,
           "audience": {"listed": null, "filter": {"segment": "heads-of-sales", "company": null,
                        "emailDomain": null, "timezone": null, "hasEmail": true, "hasLinkedin": null}},
           "seatIds": ["default"], "mailboxIds": ["default"], "allowActiveElsewhere": false,
           "stopCompanyOnReply": true, "pageSize": 100, "pageInterval": "PT1S", "schedule": null,
           "phase": "LAUNCHING", "createdAt": "2026-11-26T09:00:00Z",
           "launchedAt": "2026-11-26T09:05:00Z", "finishedAt": null,
           "progress": {"audience": 240, "enrolled": 180, "skipped": 12, "remaining": 48,
                        "skippedBy": {"ACTIVE_ELSEWHERE": 9, "ALREADY_ENROLLED": 3}, "running": 180}}""")
record CampaignView(
    UUID id,
    String name,
    UUID sequenceId,
    int version,
    AudienceView audience,
    List<String> seatIds,
    List<String> mailboxIds,
    boolean allowActiveElsewhere,
    boolean stopCompanyOnReply,
    int pageSize,
    Duration pageInterval,
    ScheduleData schedule,
    CampaignPhase phase,
    Instant createdAt,
    Instant launchedAt,
    Instant finishedAt,
    Progress progress) {

  /**
   * Who the campaign is for.
   *
   * @param listed how many prospects the list names, when the audience is a list
   * @param filter the saved filter, when the audience is one
   */
  record AudienceView(Integer listed, Audience.Filter filter) {}

  static CampaignView of(Campaign c, int version, ScheduleData schedule, Progress progress) {
    return new CampaignView(
        c.id(),
        c.name(),
        c.sequenceId(),
        version,
        new AudienceView(
            c.audience().prospectIds() == null ? null : c.audience().prospectIds().size(),
            c.audience().filter()),
        c.seatIds(),
        c.mailboxIds(),
        c.allowActiveElsewhere(),
        c.stopCompanyOnReply(),
        c.pageSize(),
        c.pageInterval(),
        schedule,
        c.phase(),
        c.createdAt(),
        c.launchedAt(),
        c.finishedAt(),
        progress);
  }
}
