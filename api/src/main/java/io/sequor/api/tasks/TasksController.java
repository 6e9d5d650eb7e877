package io.sequor.api.tasks;

import io.sequor.api.auth.Caller;
import io.sequor.api.paging.Cursors;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.tasks.ManualTask;
import io.sequor.domain.tasks.ManualTaskStore;
import io.sequor.domain.workspaces.Tenancy;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "LinkedIn steps a rep sends by hand")
class TasksController {

  private static final String TASK_EXAMPLE =
      """
      {"id": "8f7e6d5c-4b3a-4291-8e0f-1a2b3c4d5e6f",
       "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "stepKey": "day-2-connect",
       "seatId": "ada-manual", "channel": "LINKEDIN_CONNECT", "subject": null,
       "body": "Ada, enjoyed your talk on SDR ramp time.",
       "profileUrl": "https://www.linkedin.com/in/ada-example", "status": "OPEN",
       "providerMessageId": null, "note": null, "createdAt": "2026-11-28T09:00:00Z",
       "completedAt": null, "dueAt": "2026-11-28T17:00:00Z", "pushes": 0}""";

  private static final String DONE_EXAMPLE =
      """
      {"id": "8f7e6d5c-4b3a-4291-8e0f-1a2b3c4d5e6f",
       "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "stepKey": "day-2-connect",
       "seatId": "ada-manual", "channel": "LINKEDIN_CONNECT", "subject": null,
       "body": "Ada, enjoyed your talk on SDR ramp time.",
       "profileUrl": "https://www.linkedin.com/in/ada-example", "status": "SENT",
       "providerMessageId": "li-msg-2291", "note": "sent from Ada's phone", "createdAt": "2026-11-28T09:00:00Z",
       "completedAt": "2026-11-28T10:41:00Z", "dueAt": "2026-11-28T17:00:00Z", "pushes": 0}""";

  private static final String TASKS_EXAMPLE =
      """
      {"items": [{"id": "8f7e6d5c-4b3a-4291-8e0f-1a2b3c4d5e6f",
       "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "stepKey": "day-2-connect",
       "seatId": "ada-manual", "channel": "LINKEDIN_CONNECT", "subject": null,
       "body": "Ada, enjoyed your talk on SDR ramp time.",
       "profileUrl": "https://www.linkedin.com/in/ada-example", "status": "OPEN",
       "providerMessageId": null, "note": null, "createdAt": "2026-11-28T09:00:00Z",
       "completedAt": null, "dueAt": "2026-11-28T17:00:00Z", "pushes": 0}],
       "nextCursor": null}""";

  private static final Logger log = LoggerFactory.getLogger(TasksController.class);

  private final ManualTaskStore tasks;
  private final WorkflowClient temporal;
  private final SequorClock clock;
  private final Tenancy tenancy;

  TasksController(
      ManualTaskStore tasks, WorkflowClient temporal, SequorClock clock, Tenancy tenancy) {
    this.tasks = tasks;
    this.temporal = temporal;
    this.clock = clock;
    this.tenancy = tenancy;
  }

  @Schema(
      example =
          "{\"outcome\": \"SENT\", \"providerMessageId\": \"li-msg-2291\", \"note\": \"sent from Ada's phone\"}")
  record Complete(ManualTask.Status outcome, String providerMessageId, String note) {}

  @GetMapping
  @Operation(
      summary = "Tasks, soonest due first, a page at a time; OPEN ones are waiting for a rep",
      description =
          "Filter by status and by seat (a rep's queue). Each task carries its dueAt and how many"
              + " times it was pushed to a later window. Pass the answer's nextCursor as cursor for"
              + " the next page; it is null on the last page. limit is 1 to 200 (50 when absent).",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Tasks",
              content = @Content(examples = @ExampleObject(value = TASKS_EXAMPLE))))
  TaskPage list(
      @RequestParam(required = false) ManualTask.Status status,
      @RequestParam(required = false) String seatId,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @RequestParam(required = false) Integer limit,
      Caller caller) {
    int size = Cursors.limit(limit);
    UUID after = null;
    if (cursor != null) {
      try {
        after = UUID.fromString(Cursors.decode(cursor));
        tenancy.task(caller.workspaceId(), after);
      } catch (IllegalArgumentException | NotFoundException e) {
        throw Cursors.invalid();
      }
    }
    List<ManualTask> found = tasks.list(caller.workspaceId(), status, seatId, after, size + 1);
    List<ManualTask> items = found.stream().limit(size).toList();
    return new TaskPage(
        items,
        found.size() > size ? Cursors.encode(items.get(items.size() - 1).id().toString()) : null);
  }

  /**
   * One page of tasks.
   *
   * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
   */
  record TaskPage(List<ManualTask> items, String nextCursor) {}

  @GetMapping("/{id}")
  @Operation(
      summary = "A task: what to send, to whom, and by when",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The task",
              content = @Content(examples = @ExampleObject(value = TASK_EXAMPLE))))
  ManualTask get(@PathVariable UUID id, Caller caller) {
    tenancy.task(caller.workspaceId(), id);
    return tasks.get(id);
  }

  @PostMapping("/{id}/complete")
  @Operation(
      summary = "Report a task SENT (optionally with the provider message id) or FAILED",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The completed task",
              content = @Content(examples = @ExampleObject(value = DONE_EXAMPLE))))
  ManualTask complete(@PathVariable UUID id, @RequestBody Complete request, Caller caller) {
    tenancy.task(caller.workspaceId(), id);
    if (request.outcome() != ManualTask.Status.SENT
        && request.outcome() != ManualTask.Status.FAILED) {
      throw new InvalidInputException("outcome", "must be SENT or FAILED");
    }
    ManualTask task =
        tasks.complete(
            id, request.outcome(), request.providerMessageId(), request.note(), clock.now());
    try {
      temporal
          .newWorkflowStub(
              EnrolmentWorkflow.class, EnrolmentInput.workflowId(task.enrolmentId().toString()))
          .taskCompleted(task.stepKey());
    } catch (WorkflowNotFoundException e) {
      log.info("task {}: enrolment {} is no longer running", id, task.enrolmentId());
    }
    return task;
  }
}
