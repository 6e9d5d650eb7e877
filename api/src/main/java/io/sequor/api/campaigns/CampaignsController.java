package io.sequor.api.campaigns;

import io.sequor.api.auth.Caller;
import io.sequor.domain.campaigns.Campaign;
import io.sequor.domain.campaigns.CampaignStore;
import io.sequor.domain.campaigns.Member;
import io.sequor.domain.campaigns.SkipReason;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.schedule.ScheduleData;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.workflows.campaign.CampaignPhase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/campaigns")
@Tag(
    name = "Campaigns",
    description = "A sequence launched on an audience, paced, with a reason for every skip")
class CampaignsController {

  private static final String PAGE_EXAMPLE =
      """
      {"items": [{"id": "3f2a9c1e-6b7d-4e21-9a0f-5c8d7e6b4a31", "name": "Q1 heads of sales",
                  "sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de", "version": 1,
                  "phase": "LAUNCHED", "createdAt": "2026-11-26T09:00:00Z",
                  "launchedAt": "2026-11-26T09:05:00Z", "finishedAt": "2026-11-26T09:09:00Z"}],
       "nextCursor": null}""";

  private static final String MEMBERS_EXAMPLE =
      """
      {"items": [
         {"prospectId": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11", "position": 1, "outcome": "ENROLLED",
          "reason": null, "detail": null, "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c",
          "decidedAt": "2026-11-26T09:05:01Z"},
         {"prospectId": "5d0e7a8b-1f0a-4b7e-8f5e-2c9d7e6a3b22", "position": 2, "outcome": "SKIPPED",
          "reason": "NO_TRIGGER", "detail": "the sequence requires a trigger", "enrolmentId": null,
          "decidedAt": "2026-11-26T09:05:01Z"}],
       "nextCursor": "Mnw1ZDBlN2E4Yg"}""";

  private final CampaignService service;
  private final CampaignStore campaigns;
  private final SequenceCatalog catalog;
  private final JsonMapper json;

  CampaignsController(
      CampaignService service, CampaignStore campaigns, SequenceCatalog catalog, JsonMapper json) {
    this.service = service;
    this.campaigns = campaigns;
    this.catalog = catalog;
    this.json = json;
  }

  /**
   * A page of a list.
   *
   * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
   */
  record Page<T>(List<T> items, String nextCursor) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a campaign (a DRAFT)",
      description =
          "Binds a sequence version, an audience (prospectIds, or a filter resolved at launch),"
              + " seats and mailboxes in rotation, and the launch pace. 400 names every bad"
              + " field; 409 when the workspace has a campaign of that name.")
  ResponseEntity<CampaignView> create(Caller caller, @RequestBody CampaignRequests.Create request) {
    Campaign campaign = service.create(caller.workspaceId(), request);
    return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.id()))
        .body(view(campaign));
  }

  @GetMapping
  @Operation(
      summary = "The workspace's campaigns, newest first, optionally by phase",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page of campaigns (items shortened here)",
              content = @Content(examples = @ExampleObject(value = PAGE_EXAMPLE))))
  Page<CampaignView> list(
      Caller caller,
      @RequestParam(required = false) CampaignPhase phase,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          UUID cursor,
      @RequestParam(defaultValue = "50") int limit) {
    checkLimit(limit);
    if (cursor != null) {
      campaigns.get(caller.workspaceId(), cursor);
    }
    List<Campaign> found = campaigns.list(caller.workspaceId(), phase, cursor, limit + 1);
    List<CampaignView> items = found.stream().limit(limit).map(this::view).toList();
    return new Page<>(
        items, found.size() > limit ? items.get(items.size() - 1).id().toString() : null);
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "A campaign with its launch's progress",
      description =
          "progress is counted from the store as the launch runs: audience, enrolled, skipped"
              + " by reason, remaining, and enrolments still running.")
  CampaignView get(Caller caller, @PathVariable UUID id) {
    return view(campaigns.get(caller.workspaceId(), id));
  }

  @PostMapping("/{id}/launch")
  @Operation(
      summary = "Launch a DRAFT campaign",
      description =
          "202: the campaign's workflow freezes the audience and enrols it page by page; read"
              + " progress with GET. 409 when it is not a DRAFT.")
  ResponseEntity<CampaignView> launch(Caller caller, @PathVariable UUID id) {
    service.launch(caller.workspaceId(), id);
    return ResponseEntity.accepted().body(view(campaigns.get(caller.workspaceId(), id)));
  }

  @PostMapping("/{id}/pause")
  @Operation(
      summary = "Pause the campaign as a whole",
      description =
          "202: the launch enrols no one more and every active enrolment of the campaign is"
              + " paused, after the page in flight.")
  ResponseEntity<CampaignView> pause(Caller caller, @PathVariable UUID id) {
    service.pause(caller.workspaceId(), id);
    return ResponseEntity.accepted().body(get(caller, id));
  }

  @PostMapping("/{id}/resume")
  @Operation(
      summary = "Resume a paused campaign",
      description = "202: the launch goes on and the campaign's paused enrolments resume.")
  ResponseEntity<CampaignView> resume(Caller caller, @PathVariable UUID id) {
    service.resume(caller.workspaceId(), id);
    return ResponseEntity.accepted().body(get(caller, id));
  }

  @PostMapping("/{id}/cancel")
  @Operation(
      summary = "Cancel the campaign as a whole",
      description =
          "202: the launch stops and every running enrolment of the campaign is stopped"
              + " (CAMPAIGN_CANCELLED). A DRAFT is cancelled at once.")
  ResponseEntity<CampaignView> cancel(Caller caller, @PathVariable UUID id) {
    service.cancel(caller.workspaceId(), id);
    return ResponseEntity.accepted().body(get(caller, id));
  }

  @GetMapping("/{id}/members")
  @Operation(
      summary = "The launch's decision for each prospect, in the order taken",
      description =
          "ENROLLED with the enrolment id, or SKIPPED with the reason (ACTIVE_ELSEWHERE,"
              + " ALREADY_ENROLLED, SUPPRESSED, INVALID_ADDRESS, MISSING_PLACEHOLDER,"
              + " NO_TRIGGER, UNREACHABLE, COPY_PROBLEM) and its detail.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page of decisions",
              content = @Content(examples = @ExampleObject(value = MEMBERS_EXAMPLE))))
  Page<Member> members(
      Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) Member.Outcome outcome,
      @RequestParam(required = false) SkipReason reason,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @RequestParam(defaultValue = "100") int limit) {
    checkLimit(limit);
    campaigns.get(caller.workspaceId(), id);
    Integer after = null;
    if (cursor != null) {
      try {
        after = Integer.parseInt(cursor);
      } catch (NumberFormatException e) {
        throw new InvalidInputException("cursor", "is not a cursor this list gave");
      }
    }
    List<Member> found = campaigns.members(id, outcome, reason, after, limit + 1);
    List<Member> items = found.stream().limit(limit).toList();
    return new Page<>(
        items,
        found.size() > limit ? String.valueOf(items.get(items.size() - 1).position()) : null);
  }

  private CampaignView view(Campaign campaign) {
    return CampaignView.of(
        campaign,
        catalog.versionById(campaign.sequenceVersionId()).version(),
        campaign.scheduleJson() == null
            ? null
            : json.readValue(campaign.scheduleJson(), ScheduleData.class),
        campaigns.progress(campaign.id()));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("limit", "must be between 1 and 500");
    }
  }
}
