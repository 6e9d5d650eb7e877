package io.sequor.api.replies;

import io.sequor.api.auth.Caller;
import io.sequor.api.paging.Cursors;
import io.sequor.api.paging.Page;
import io.sequor.domain.classifications.ClassifiedReply;
import io.sequor.domain.classifications.ReplyClassifications;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.inbound.ReplyClass;
import io.sequor.inbound.ReplySignal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
    name = "Replies",
    description =
        "Human replies with their classification (positive, neutral, negative, referral), a"
            + " person's overrides, and what the workspace counts as positive")
class RepliesController {

  private static final String REPLY_EXAMPLE =
      """
      {"responseId": "7a1c2e3f-4b5d-4c6e-8f70-91a2b3c4d5e6",
       "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "campaignId": null,
       "channel": "EMAIL", "kind": "REPLY", "occurredAt": "2027-03-04T09:41:00Z",
       "body": "Not me, but talk to Grace, she runs sales ops.",
       "signal": "ROUTES_TO_OWNER", "ruleClass": "POSITIVE", "matchedPhrase": "talk to",
       "language": "en", "classification": "NEGATIVE", "overridden": true,
       "overriddenAt": "2027-03-04T11:00:00Z", "overrideNote": "Grace left the company",
       "changes": [{"from": "POSITIVE", "to": "NEGATIVE",
                    "changedBy": "5b8e2c1d-3f4a-4b6c-9d7e-8f9a0b1c2d3e",
                    "note": "Grace left the company", "changedAt": "2027-03-04T11:00:00Z"}]}""";

  private static final String DEFINITION_EXAMPLE =
      """
      {"signals": ["AGREES_TO_CALL", "ASKS_FOR_ASSET"], "reclassified": 3}""";

  /** A person's classification of a reply, and why. */
  record Override(String classification, String note) {}

  /** What the workspace counts as a positive reply. */
  record Definition(List<String> signals) {}

  /** The definition in force, and how many replies it changed (0 on a read). */
  record DefinitionView(Set<ReplySignal> signals, int reclassified) {}

  private final ReplyClassifications classifications;

  RepliesController(ReplyClassifications classifications) {
    this.classifications = classifications;
  }

  @GetMapping("/api/replies")
  @Operation(
      summary = "The workspace's human replies with their classification, newest first",
      description =
          "Filter by classification in force, overridden, campaignId, enrolmentId. Out-of-office"
              + " answers are never here: they are not replies.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page of replies (changes are listed on GET /api/replies/{id})",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  "{\"items\": [" + REPLY_EXAMPLE + "], \"nextCursor\": null}"))))
  Page<ClassifiedReply> list(
      Caller caller,
      @RequestParam(required = false) String classification,
      @RequestParam(required = false) Boolean overridden,
      @RequestParam(required = false) UUID campaignId,
      @RequestParam(required = false) UUID enrolmentId,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Cursors.limit(limit);
    Cursors.Position after = cursor == null ? null : Cursors.parsePosition(cursor);
    List<ClassifiedReply> found =
        classifications.list(
            caller.workspaceId(),
            new ReplyClassifications.Filter(
                classification == null ? null : replyClass("classification", classification),
                overridden,
                campaignId,
                enrolmentId),
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            size + 1);
    return Page.of(found, size, r -> Cursors.position(r.occurredAt(), r.responseId()));
  }

  @GetMapping("/api/replies/{id}")
  @Operation(
      summary = "One human reply with its classification and every override",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The reply",
              content = @Content(examples = @ExampleObject(value = REPLY_EXAMPLE))))
  ClassifiedReply get(Caller caller, @PathVariable UUID id) {
    return classifications.get(caller.workspaceId(), id);
  }

  @PutMapping("/api/replies/{id}/classification")
  @Operation(
      summary = "Override a reply's classification",
      description =
          "The class in force becomes the one given; the rule set's verdict and every earlier"
              + " override are kept. Reports count the reply in its new class and count it among"
              + " the overridden.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          {"classification": "NEGATIVE", "note": "Grace left the company"}"""))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The reply as now classified",
              content = @Content(examples = @ExampleObject(value = REPLY_EXAMPLE))))
  ClassifiedReply override(
      Caller caller, @PathVariable UUID id, @RequestBody(required = false) Override request) {
    if (request == null || request.classification() == null) {
      throw new InvalidInputException(
          "classification", "is required: POSITIVE, NEUTRAL, NEGATIVE or REFERRAL");
    }
    return classifications.override(
        caller.workspaceId(),
        id,
        replyClass("classification", request.classification()),
        request.note(),
        caller.keyId());
  }

  @GetMapping("/api/workspace/positive-replies")
  @Operation(
      summary = "What the workspace counts as a positive reply",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The reply signals counted as positive",
              content = @Content(examples = @ExampleObject(value = DEFINITION_EXAMPLE))))
  DefinitionView definition(Caller caller) {
    return new DefinitionView(classifications.positiveSignals(caller.workspaceId()), 0);
  }

  @PutMapping("/api/workspace/positive-replies")
  @Operation(
      summary = "Define what counts as a positive reply",
      description =
          "Any of AGREES_TO_CALL, ASKS_FOR_ASSET, ROUTES_TO_OWNER (or none). Every reply of the"
              + " workspace is re-read under the new definition; overrides stay as set.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value = "{\"signals\": [\"AGREES_TO_CALL\", \"ASKS_FOR_ASSET\"]}"))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The definition now in force and how many replies changed class",
              content = @Content(examples = @ExampleObject(value = DEFINITION_EXAMPLE))))
  DefinitionView define(Caller caller, @RequestBody(required = false) Definition request) {
    if (request == null || request.signals() == null) {
      throw new InvalidInputException("signals", "is required (may be empty)");
    }
    List<ReplySignal> signals = new ArrayList<>();
    for (int i = 0; i < request.signals().size(); i++) {
      String name = request.signals().get(i);
      try {
        signals.add(ReplySignal.valueOf(name == null ? "" : name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "signals[" + i + "]",
            "is not a reply signal; use AGREES_TO_CALL, ASKS_FOR_ASSET or ROUTES_TO_OWNER");
      }
    }
    int changed = classifications.define(caller.workspaceId(), signals);
    return new DefinitionView(classifications.positiveSignals(caller.workspaceId()), changed);
  }

  private static ReplyClass replyClass(String field, String value) {
    try {
      return ReplyClass.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field, "must be POSITIVE, NEUTRAL, NEGATIVE or REFERRAL, not '" + value + "'");
    }
  }
}
