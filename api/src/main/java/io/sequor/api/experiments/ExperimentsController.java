package io.sequor.api.experiments;

import io.sequor.api.auth.Caller;
import io.sequor.api.experiments.ExperimentViews.EndRequest;
import io.sequor.api.experiments.ExperimentViews.ExperimentPage;
import io.sequor.api.experiments.ExperimentViews.ExperimentView;
import io.sequor.api.experiments.ExperimentViews.ReportView;
import io.sequor.api.paging.Cursors;
import io.sequor.api.paging.Page;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.experiments.Experiment;
import io.sequor.domain.experiments.ExperimentStore;
import io.sequor.domain.experiments.Experiments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/experiments")
@Tag(
    name = "Experiments",
    description = "A/B tests of a step's copy or audience, and how sure each difference is")
class ExperimentsController {

  private final ExperimentStore store;
  private final Experiments experiments;

  ExperimentsController(ExperimentStore store, Experiments experiments) {
    this.store = store;
    this.experiments = experiments;
  }

  @GetMapping
  @Operation(
      summary = "List experiments",
      description =
          "Oldest first, a page at a time. An experiment is opened for every step with variants"
              + " when its sequence version is saved.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page",
              content = @Content(examples = @ExampleObject(value = Examples.PAGE))))
  ExperimentPage list(
      Caller caller,
      @Parameter(description = "Only this sequence's experiments") @RequestParam(required = false)
          UUID sequenceId,
      @Parameter(description = "RUNNING or ENDED") @RequestParam(required = false) String status,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @Parameter(description = "1 to 200; 50 when absent") @RequestParam(required = false)
          Integer limit) {
    int size = Cursors.limit(limit);
    Cursors.Position after = cursor == null ? null : Cursors.parsePosition(cursor);
    List<Experiment> page =
        store.page(
            caller.workspaceId(),
            sequenceId,
            status(status),
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            size + 1);
    Page<Experiment> found = Page.of(page, size, e -> Cursors.position(e.createdAt(), e.id()));
    return new ExperimentPage(
        found.items().stream().map(ExperimentView::of).toList(), found.nextCursor());
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "An experiment's report",
      description =
          "Per variant: sends, replies (the enrolment's first human reply, attributed to this"
              + " step), positive replies (classification in force POSITIVE) and their rates. Per"
              + " variant against the control A, on reply rate and positive reply rate: the"
              + " probability it beats A (Beta-Binomial, uniform priors), the 95% credible interval"
              + " of the difference, Fisher's exact two-sided p-value and a plain sentence. A"
              + " running experiment whose stop rule is met ends when its report is read.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The report",
              content = @Content(examples = @ExampleObject(value = Examples.REPORT))))
  ReportView get(Caller caller, @PathVariable UUID id) {
    return ReportView.of(experiments.report(caller.workspaceId(), id));
  }

  @PostMapping("/{id}/end")
  @Operation(
      summary = "End an experiment, naming the winner",
      description =
          "New enrolments get the winner from now on; enrolments already given a variant keep"
              + " it. 409 when the experiment has ended already.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The report of the ended experiment",
              content = @Content(examples = @ExampleObject(value = Examples.REPORT))))
  ReportView end(Caller caller, @PathVariable UUID id, @RequestBody EndRequest request) {
    return ReportView.of(
        experiments.end(caller.workspaceId(), id, request == null ? null : request.winner()));
  }

  private static Experiment.Status status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return Experiment.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("status", "must be RUNNING or ENDED");
    }
  }
}
