package io.sequor.workflows.campaign;

import java.time.Duration;

/**
 * What a campaign run starts with, and what it carries over a continue-as-new.
 *
 * @param cursor the last prospect id the launch handled; null before the first page
 * @param pages pages handled so far
 * @param launched every prospect of the audience was handled
 * @param paused the campaign was paused when the run continued as new
 */
public record CampaignInput(
    String campaignId,
    int pageSize,
    Duration pageInterval,
    Duration watchInterval,
    String cursor,
    long pages,
    boolean launched,
    boolean paused) {

  public static String workflowId(String campaignId) {
    return "campaign-" + campaignId;
  }

  CampaignInput next(String cursor, long pages, boolean launched, boolean paused) {
    return new CampaignInput(
        campaignId, pageSize, pageInterval, watchInterval, cursor, pages, launched, paused);
  }
}
