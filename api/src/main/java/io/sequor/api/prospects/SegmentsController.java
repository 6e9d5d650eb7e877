package io.sequor.api.prospects;

import io.sequor.api.auth.Caller;
import io.sequor.api.prospects.ProspectViews.SegmentView;
import io.sequor.domain.prospects.Checklist;
import io.sequor.domain.prospects.SegmentStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/segments")
@Tag(
    name = "Segments",
    description =
        "Named groups of prospects and the pre-send checklist they share; a prospect's own"
            + " checklist entries override its segment's")
class SegmentsController {

  private final SegmentStore segments;

  SegmentsController(SegmentStore segments) {
    this.segments = segments;
  }

  @Schema(description = "A segment's checklist")
  record SegmentRequest(Checklist checklist) {}

  @PutMapping("/{name}")
  @Operation(
      summary = "Set a segment's checklist",
      description =
          "Replaces the whole checklist: an entry left out is cleared. Prospects join a segment"
              + " through their segment field; this only sets what they inherit. A prospect's own"
              + " entry (or a custom field of the entry's placeholder name, such as"
              + " fields.trigger) wins over the segment's.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples = @ExampleObject(value = Examples.SEGMENT_REQUEST))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The segment as saved",
              content = @Content(examples = @ExampleObject(value = Examples.SEGMENT))))
  SegmentView put(Caller caller, @PathVariable String name, @RequestBody SegmentRequest request) {
    return SegmentView.of(segments.put(caller.workspaceId(), name, request.checklist()));
  }

  @GetMapping("/{name}")
  @Operation(
      summary = "A segment's checklist and how many prospects are in it",
      description = "404 when no checklist was ever set for the segment.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The segment",
              content = @Content(examples = @ExampleObject(value = Examples.SEGMENT))))
  SegmentView get(Caller caller, @PathVariable String name) {
    return SegmentView.of(segments.get(caller.workspaceId(), name));
  }
}
