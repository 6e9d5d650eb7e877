package io.sequor.domain.campaigns;

import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.workflows.campaign.EnrolmentCommand;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.enrolment.StopReason;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Tells a campaign's enrolments to pause, resume or stop, a page at a time. */
@Service
public class CampaignCommands {

  private static final Logger log = LoggerFactory.getLogger(CampaignCommands.class);

  private final ObjectProvider<WorkflowClient> temporal;
  private final CampaignStore campaigns;
  private final EnrolmentStore enrolments;

  CampaignCommands(
      ObjectProvider<WorkflowClient> temporal, CampaignStore campaigns, EnrolmentStore enrolments) {
    this.temporal = temporal;
    this.campaigns = campaigns;
    this.enrolments = enrolments;
  }

  /**
   * Tells the campaign's enrolments after {@code after} that the command concerns.
   *
   * @return the last enrolment told when a full page was told; null when none is left
   */
  public UUID command(UUID campaignId, EnrolmentCommand command, UUID after, int pageSize) {
    List<String> statuses =
        switch (command) {
          case PAUSE -> List.of("ACTIVE");
          case RESUME -> List.of("PAUSED");
          case STOP -> List.of("ACTIVE", "PAUSED", "LISTENING");
        };
    List<UUID> page = campaigns.enrolments(campaignId, statuses, after, pageSize);
    for (UUID id : page) {
      tell(id, command, StopReason.CAMPAIGN_CANCELLED);
    }
    return page.size() < pageSize ? null : page.get(page.size() - 1);
  }

  /**
   * After a reply stopped this enrolment: stops the other enrolments at the same company in the
   * same campaign, when the campaign asks for it.
   *
   * @return how many were told to stop
   */
  public int stopCompany(UUID repliedEnrolmentId) {
    List<UUID> siblings = campaigns.companySiblings(repliedEnrolmentId);
    for (UUID id : siblings) {
      tell(id, EnrolmentCommand.STOP, StopReason.COMPANY_REPLIED);
    }
    if (!siblings.isEmpty()) {
      log.info(
          "enrolment {} replied: stopped {} other enrolment(s) at the same company",
          repliedEnrolmentId,
          siblings.size());
    }
    return siblings.size();
  }

  /** Stops one running enrolment for the reason given (or records it stopped when it is gone). */
  public void stop(UUID enrolmentId, StopReason reason) {
    tell(enrolmentId, EnrolmentCommand.STOP, reason);
  }

  private void tell(UUID enrolmentId, EnrolmentCommand command, StopReason stopReason) {
    EnrolmentWorkflow workflow =
        temporal
            .getObject()
            .newWorkflowStub(
                EnrolmentWorkflow.class, EnrolmentInput.workflowId(enrolmentId.toString()));
    try {
      switch (command) {
        case PAUSE -> workflow.pause();
        case RESUME -> workflow.resume();
        case STOP -> workflow.stopBecause(stopReason);
      }
    } catch (WorkflowNotFoundException gone) {
      // Its workflow ended or was lost; the store must not keep showing it as running.
      if (command == EnrolmentCommand.STOP) {
        enrolments.recordStatus(enrolmentId, EnrolmentStatus.STOPPED, stopReason);
      }
    }
  }
}
