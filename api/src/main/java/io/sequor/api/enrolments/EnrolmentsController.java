package io.sequor.api.enrolments;

import io.sequor.api.auth.Caller;
import io.sequor.api.auth.EnrolScope;
import io.sequor.api.paging.Cursors;
import io.sequor.domain.enrolments.ResponseIntake;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.workspaces.Tenancy;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enrolments")
@Tag(name = "Enrolments", description = "Prospects going through sequences")
class EnrolmentsController {

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  private final EnrolmentService service;
  private final Tenancy tenancy;

  EnrolmentsController(EnrolmentService service, Tenancy tenancy) {
    this.service = service;
    this.tenancy = tenancy;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Enrol a prospect",
      description =
          "201 with the new enrolment; 200 with the same enrolment when the Idempotency-Key was"
              + " seen before; 409 with existingId when the prospect is already live in the"
              + " sequence.")
  @EnrolScope
  ResponseEntity<EnrolmentView> enrol(
      Caller caller,
      @RequestBody EnrolmentRequests.Enrol request,
      @Parameter(description = "Repeat a request safely: the same key returns the same enrolment")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey) {
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw new InvalidInputException(
          "Idempotency-Key", "must be 1-200 visible ASCII characters without spaces");
    }
    EnrolmentService.Enrolled enrolled =
        service.enrol(caller.workspaceId(), request, idempotencyKey);
    EnrolmentView view = service.storedView(enrolled.enrolment().id());
    if (!enrolled.created()) {
      return ResponseEntity.ok(view);
    }
    return ResponseEntity.created(URI.create("/api/enrolments/" + view.id())).body(view);
  }

  @GetMapping
  @Operation(
      summary = "List enrolments, newest first, a page at a time",
      description =
          "One line each, from the store; GET /api/enrolments/{id} has the timeline. Filters:"
              + " status, campaignId. Pass the answer's nextCursor as cursor for the next page; it"
              + " is null on the last page. limit is 1 to 200 (50 when absent).")
  @EnrolScope
  EnrolmentSummary.Page list(
      Caller caller,
      @RequestParam(required = false) EnrolmentStatus status,
      @RequestParam(required = false) UUID campaignId,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @RequestParam(required = false) Integer limit) {
    return service.list(caller.workspaceId(), status, campaignId, cursor, Cursors.limit(limit));
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "An enrolment's state: status, every step with planned and actual times, credits")
  @EnrolScope
  EnrolmentView get(@PathVariable UUID id, Caller caller) {
    tenancy.enrolment(caller.workspaceId(), id);
    return service.view(id);
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause until resumed")
  EnrolmentView pause(@PathVariable UUID id, Caller caller) {
    tenancy.enrolment(caller.workspaceId(), id);
    return service.pause(id);
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "Resume; remaining steps keep their spacing")
  EnrolmentView resume(@PathVariable UUID id, Caller caller) {
    tenancy.enrolment(caller.workspaceId(), id);
    return service.resume(id);
  }

  @PostMapping("/{id}/stop")
  @Operation(summary = "Stop for good; nothing more is sent")
  @EnrolScope
  EnrolmentView stop(@PathVariable UUID id, Caller caller) {
    tenancy.enrolment(caller.workspaceId(), id);
    return service.stop(id);
  }

  @PostMapping("/{id}/responses")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Record a response",
      description =
          "REPLY, INMAIL_ACCEPTED, INMAIL_DECLINED stop the enrolment; AUTO_REPLY pauses it until"
              + " returnAt/returnDate; UNSUBSCRIBE stops and suppresses; BOUNCE stops email only.",
      responses =
          @ApiResponse(
              responseCode = "202",
              description = "Recorded; delivered tells whether the running workflow was told",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          {"response": {"id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
                        "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "channel": "EMAIL",
                        "kind": "AUTO_REPLY", "occurredAt": "2026-11-27T08:00:00Z",
                        "returnAt": "2026-12-03T00:00:00Z", "body": "Out of office until 3 December",
                        "recordedAt": "2026-11-27T08:00:01Z"},
           "delivered": true}"""))))
  ResponseIntake.Recorded respond(
      @PathVariable UUID id, @RequestBody EnrolmentRequests.RecordResponse request, Caller caller) {
    tenancy.enrolment(caller.workspaceId(), id);
    return service.respond(id, request);
  }
}
