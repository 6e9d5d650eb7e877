package io.sequor.api.sequences;

import io.sequor.api.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sequences")
@Tag(name = "Sequences", description = "Named, versioned sequences of steps")
class SequencePreviewController {

  private final SequencePreviews previews;

  SequencePreviewController(SequencePreviews previews) {
    this.previews = previews;
  }

  @PostMapping("/{id}/preview")
  @Operation(
      summary = "Dry run: every message of a sequence for one prospect, when it would go out",
      description =
          "Renders every step for the prospect (stored by prospectId, or inline and never"
              + " stored) exactly as it would be sent, plans its send time with the schedule (the"
              + " same planner enrolments use; without a schedule, start + day offset), and says"
              + " how it would be routed, what it would cost in InMail credits, the copy warnings"
              + " and anything that would refuse the enrolment. Nothing is sent or stored: no"
              + " prospect, enrolment, slot or credit.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(examples = @ExampleObject(value = PreviewViews.REQUEST_EXAMPLE))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The steps as they would go out",
              content = @Content(examples = @ExampleObject(value = PreviewViews.RESPONSE_EXAMPLE))))
  PreviewViews.Preview preview(
      @PathVariable UUID id, @RequestBody PreviewViews.PreviewRequest request, Caller caller) {
    return previews.preview(caller.workspaceId(), id, request);
  }
}
