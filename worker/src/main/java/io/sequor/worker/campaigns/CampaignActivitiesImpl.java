package io.sequor.worker.campaigns;

import io.sequor.domain.campaigns.CampaignCommands;
import io.sequor.domain.campaigns.CampaignLaunch;
import io.sequor.domain.campaigns.CampaignStore;
import io.sequor.workflows.campaign.CampaignActivities;
import io.sequor.workflows.campaign.CampaignPhase;
import io.sequor.workflows.campaign.EnrolmentCommand;
import io.sequor.workflows.campaign.PageResult;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component("campaignActivities")
class CampaignActivitiesImpl implements CampaignActivities {

  private final CampaignLaunch launch;
  private final CampaignCommands commands;
  private final CampaignStore campaigns;

  CampaignActivitiesImpl(
      CampaignLaunch launch, CampaignCommands commands, CampaignStore campaigns) {
    this.launch = launch;
    this.commands = commands;
    this.campaigns = campaigns;
  }

  @Override
  public void prepareLaunch(String campaignId) {
    launch.prepare(UUID.fromString(campaignId));
  }

  @Override
  public PageResult enrolPage(String campaignId, String cursor, int pageSize) {
    return launch.enrolPage(UUID.fromString(campaignId), uuid(cursor), pageSize);
  }

  @Override
  public String command(String campaignId, EnrolmentCommand command, String cursor, int pageSize) {
    UUID next = commands.command(UUID.fromString(campaignId), command, uuid(cursor), pageSize);
    return next == null ? null : next.toString();
  }

  @Override
  public void recordPhase(String campaignId, CampaignPhase phase) {
    campaigns.setPhase(UUID.fromString(campaignId), phase);
  }

  @Override
  public long runningEnrolments(String campaignId) {
    return campaigns.running(UUID.fromString(campaignId));
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }
}
