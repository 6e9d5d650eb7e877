package io.sequor.api.prospects;

import io.sequor.api.auth.Caller;
import io.sequor.api.auth.EnrolScope;
import io.sequor.api.paging.Cursors;
import io.sequor.api.prospects.ProspectViews.ProspectPage;
import io.sequor.api.prospects.ProspectViews.ProspectView;
import io.sequor.domain.addresses.EmailVerdicts;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/prospects")
@Tag(name = "Prospects", description = "The people Sequor writes to")
class ProspectsController {

  private final ProspectStore prospects;
  private final EmailVerdicts verdicts;
  private final Tenancy tenancy;

  ProspectsController(ProspectStore prospects, EmailVerdicts verdicts, Tenancy tenancy) {
    this.prospects = prospects;
    this.verdicts = verdicts;
    this.tenancy = tenancy;
  }

  @PostMapping
  @Operation(
      summary = "Create or update a prospect, matched by email or LinkedIn URL",
      description =
          "Matches an existing prospect of the workspace by email (compared lower-cased) or by"
              + " LinkedIn profile URL (normalised to https://www.linkedin.com/in/<slug>). 201 when"
              + " created, 200 when updated. An update keeps every field the request leaves out;"
              + " custom fields and checklist entries are merged key by key, and a blank"
              + " checklist entry or segment clears it. When the email names one prospect and"
              + " the LinkedIn URL another, the answer is 409 naming both fields and nothing is"
              + " written.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples = @ExampleObject(value = Examples.PROSPECT_REQUEST))),
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(examples = @ExampleObject(value = Examples.PROSPECT))),
        @ApiResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(examples = @ExampleObject(value = Examples.PROSPECT))),
        @ApiResponse(
            responseCode = "409",
            description = "The email and the LinkedIn URL belong to two different prospects",
            content = @Content(examples = @ExampleObject(value = Examples.CONFLICT)))
      })
  @EnrolScope
  ResponseEntity<ProspectView> upsert(Caller caller, @RequestBody ProspectData request) {
    ProspectStore.Upserted upserted = prospects.upsert(caller.workspaceId(), "", request);
    ProspectView view = view(upserted.prospect());
    return upserted.created()
        ? ResponseEntity.created(URI.create("/api/prospects/" + view.id())).body(view)
        : ResponseEntity.ok(view);
  }

  @GetMapping
  @Operation(
      summary = "List prospects, oldest first, a page at a time",
      description =
          "Filters combine: email (exact, any case), company (exact, any case), segment (exact),"
              + " updatedSince (ISO-8601 instant; prospects updated at or after it). Pass the"
              + " answer's nextCursor as cursor for the next page; it is null on the last page.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page",
              content = @Content(examples = @ExampleObject(value = Examples.PROSPECT_PAGE))))
  @EnrolScope
  ProspectPage list(
      Caller caller,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String company,
      @RequestParam(required = false) String segment,
      @Parameter(example = "2026-11-01T00:00:00Z")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant updatedSince,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @Parameter(description = "1 to 200; 50 when absent") @RequestParam(required = false)
          Integer limit) {
    int size = Cursors.limit(limit);
    ProspectStore.Page page =
        prospects.list(
            caller.workspaceId(),
            new ProspectStore.Filter(
                blankToNull(email), blankToNull(company), blankToNull(segment), updatedSince),
            cursor == null ? null : position(cursor),
            size);
    return new ProspectPage(
        page.items().stream().map(this::view).toList(),
        page.next() == null
            ? null
            : Cursors.encode(page.next().createdAt() + "|" + page.next().id()));
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "A prospect, with the verdict on its email address",
      description =
          "emailVerification is the last check of the address (at enrolment): VALID, RISKY,"
              + " INVALID or UNKNOWN, with reasons. emailUndeliverable is true when no email will"
              + " be sent to it. effectiveChecklist is the checklist that applies: the prospect's"
              + " own entries over its segment's.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The prospect",
              content = @Content(examples = @ExampleObject(value = Examples.PROSPECT))))
  @EnrolScope
  ProspectView get(Caller caller, @PathVariable UUID id) {
    return view(prospects.get(caller.workspaceId(), id));
  }

  private ProspectView view(Prospect p) {
    return ProspectView.of(p, verdicts.find(p.id()).orElse(null));
  }

  private static ProspectStore.Position position(String cursor) {
    String decoded = Cursors.decode(cursor);
    int bar = decoded.indexOf('|');
    try {
      return new ProspectStore.Position(
          Instant.parse(decoded.substring(0, bar)), UUID.fromString(decoded.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw Cursors.invalid();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
