package io.sequor.api.campaigns;

import io.sequor.domain.campaigns.Audience;
import io.sequor.domain.campaigns.Campaign;
import io.sequor.domain.campaigns.CampaignStore;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.schedule.ScheduleData;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.workspaces.Tenancy;
import io.sequor.workflows.campaign.CampaignInput;
import io.sequor.workflows.campaign.CampaignPhase;
import io.sequor.workflows.campaign.CampaignWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Creates campaigns and drives their workflow: launch, pause, resume, cancel. */
@Service
class CampaignService {

  static final int MAX_LISTED = 100_000;
  private static final Duration MAX_PAGE_INTERVAL = Duration.ofHours(1);

  private final CampaignStore campaigns;
  private final SequenceCatalog catalog;
  private final Tenancy tenancy;
  private final MailboxStore mailboxes;
  private final SequorProperties properties;
  private final WorkflowClient temporal;
  private final JsonMapper json;

  CampaignService(
      CampaignStore campaigns,
      SequenceCatalog catalog,
      Tenancy tenancy,
      MailboxStore mailboxes,
      SequorProperties properties,
      WorkflowClient temporal,
      JsonMapper json) {
    this.campaigns = campaigns;
    this.catalog = catalog;
    this.tenancy = tenancy;
    this.mailboxes = mailboxes;
    this.properties = properties;
    this.temporal = temporal;
    this.json = json;
  }

  Campaign create(UUID workspaceId, CampaignRequests.Create request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.name() == null || request.name().isBlank()) {
      problems.add(new FieldProblem("name", "is required"));
    } else if (request.name().length() > 200) {
      problems.add(new FieldProblem("name", "must be at most 200 characters"));
    }
    SequenceVersion version = null;
    if (request.sequenceId() == null) {
      problems.add(new FieldProblem("sequenceId", "is required"));
    } else {
      try {
        tenancy.sequence(workspaceId, request.sequenceId());
        int number =
            request.version() != null
                ? request.version()
                : catalog.sequence(request.sequenceId()).latestVersion();
        version = catalog.version(request.sequenceId(), number);
      } catch (NotFoundException e) {
        problems.add(
            request.version() == null
                ? new FieldProblem("sequenceId", "no sequence with id " + request.sequenceId())
                : new FieldProblem(
                    "version",
                    "sequence " + request.sequenceId() + " has no version " + request.version()));
      }
    }
    problems.addAll(audienceProblems(workspaceId, request.audience()));
    List<String> seats =
        request.seatIds() == null || request.seatIds().isEmpty()
            ? List.of(properties.linkedin().defaultSeat())
            : request.seatIds();
    for (int i = 0; i < seats.size(); i++) {
      String seat = seats.get(i);
      if (seat == null || !tenancy.ownsSeat(workspaceId, seat)) {
        problems.add(new FieldProblem("seatIds[" + i + "]", "no seat with id '" + seat + "'"));
      }
    }
    List<String> pool =
        request.mailboxIds() == null
            ? List.of()
            : request.mailboxIds().stream().distinct().toList();
    if (!pool.isEmpty()) {
      problems.addAll(mailboxes.choiceProblems(workspaceId, null, pool));
    }
    int pageSize = properties.campaigns().pageSize();
    Duration pageInterval = properties.campaigns().pageInterval();
    if (request.pace() != null) {
      if (request.pace().pageSize() != null) {
        pageSize = request.pace().pageSize();
        if (pageSize < 1 || pageSize > 1000) {
          problems.add(new FieldProblem("pace.pageSize", "must be between 1 and 1000"));
        }
      }
      if (request.pace().pageInterval() != null) {
        pageInterval = request.pace().pageInterval();
        if (pageInterval.isNegative() || pageInterval.compareTo(MAX_PAGE_INTERVAL) > 0) {
          problems.add(new FieldProblem("pace.pageInterval", "must be between PT0S and PT1H"));
        }
      }
    }
    String schedule = null;
    if (request.schedule() != null) {
      try {
        schedule =
            json.writeValueAsString(ScheduleData.of(request.schedule().toSchedule("schedule")));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return campaigns.create(
        workspaceId,
        new CampaignStore.Draft(
            request.name().strip(),
            version.sequenceId(),
            version.id(),
            request.audience(),
            seats,
            pool,
            schedule,
            Boolean.TRUE.equals(request.allowActiveElsewhere()),
            Boolean.TRUE.equals(request.stopCompanyOnReply()),
            pageSize,
            pageInterval));
  }

  private List<FieldProblem> audienceProblems(UUID workspaceId, Audience audience) {
    List<FieldProblem> problems = new ArrayList<>();
    if (audience == null) {
      problems.add(new FieldProblem("audience", "is required: a list of prospectIds or a filter"));
      return problems;
    }
    if ((audience.prospectIds() == null) == (audience.filter() == null)) {
      problems.add(new FieldProblem("audience", "give either prospectIds or a filter, not both"));
      return problems;
    }
    if (audience.prospectIds() != null) {
      List<UUID> ids = audience.prospectIds();
      if (ids.isEmpty()) {
        problems.add(new FieldProblem("audience.prospectIds", "must name at least one prospect"));
      } else if (ids.size() > MAX_LISTED) {
        problems.add(
            new FieldProblem(
                "audience.prospectIds",
                "names "
                    + ids.size()
                    + " prospects; a list takes at most "
                    + MAX_LISTED
                    + " (use a filter for more)"));
      } else {
        Set<UUID> known = new HashSet<>(campaigns.knownProspects(workspaceId, ids));
        for (int i = 0; i < ids.size() && problems.size() < 20; i++) {
          if (ids.get(i) == null || !known.contains(ids.get(i))) {
            problems.add(
                new FieldProblem(
                    "audience.prospectIds[" + i + "]", "no prospect with id " + ids.get(i)));
          }
        }
      }
    } else if (audience.filter().timezone() != null) {
      try {
        ZoneId.of(audience.filter().timezone());
      } catch (DateTimeException e) {
        problems.add(
            new FieldProblem(
                "audience.filter.timezone",
                "'" + audience.filter().timezone() + "' is not an IANA time zone"));
      }
    }
    return problems;
  }

  Campaign launch(UUID workspaceId, UUID id) {
    Campaign campaign = campaigns.get(workspaceId, id);
    if (campaign.phase() != CampaignPhase.DRAFT) {
      throw new ConflictException(
          "campaign " + id + " is " + campaign.phase() + "; only a DRAFT launches", id.toString());
    }
    CampaignWorkflow workflow =
        temporal.newWorkflowStub(
            CampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CampaignInput.workflowId(id.toString()))
                .setTaskQueue(CampaignWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(
          workflow::run,
          new CampaignInput(
              id.toString(),
              campaign.pageSize(),
              campaign.pageInterval(),
              properties.campaigns().watchInterval(),
              null,
              0,
              false,
              false));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ConflictException("campaign " + id + " is launched already", id.toString());
    }
    return campaign;
  }

  void pause(UUID workspaceId, UUID id) {
    signal(workspaceId, id, CampaignWorkflow::pause, "paused");
  }

  void resume(UUID workspaceId, UUID id) {
    signal(workspaceId, id, CampaignWorkflow::resume, "resumed");
  }

  /** Cancels the campaign; a draft is cancelled at once, a launched one by its workflow. */
  void cancel(UUID workspaceId, UUID id) {
    Campaign campaign = campaigns.get(workspaceId, id);
    if (campaign.phase() == CampaignPhase.DRAFT) {
      campaigns.setPhase(id, CampaignPhase.CANCELLED);
      return;
    }
    signal(workspaceId, id, CampaignWorkflow::cancel, "cancelled");
  }

  private void signal(UUID workspaceId, UUID id, Consumer<CampaignWorkflow> signal, String verb) {
    Campaign campaign = campaigns.get(workspaceId, id);
    if (campaign.phase() == CampaignPhase.DRAFT || campaign.phase().isFinal()) {
      throw new ConflictException(
          "campaign " + id + " is " + campaign.phase() + " and cannot be " + verb, id.toString());
    }
    try {
      signal.accept(
          temporal.newWorkflowStub(
              CampaignWorkflow.class, CampaignInput.workflowId(id.toString())));
    } catch (WorkflowNotFoundException e) {
      throw new ConflictException(
          "campaign " + id + " is no longer running (" + campaign.phase() + ")", id.toString());
    }
  }
}
