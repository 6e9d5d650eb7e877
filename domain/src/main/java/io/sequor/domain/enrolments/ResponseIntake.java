package io.sequor.domain.enrolments;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.workflows.enrolment.EnrolmentInput;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.enrolment.Response;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one way a response enters Sequor, whether a client posts it, a provider's webhook pushes it
 * or the LinkedIn sandbox plays it back: checked, stored, then signalled to the enrolment's
 * workflow, so every way in has one behaviour.
 */
@Service
public class ResponseIntake {

  private static final Logger log = LoggerFactory.getLogger(ResponseIntake.class);
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final WorkflowClient temporal;
  private final EnrolmentStore enrolments;
  private final ResponseStore responses;
  private final SequorClock clock;

  ResponseIntake(
      WorkflowClient temporal,
      EnrolmentStore enrolments,
      ResponseStore responses,
      SequorClock clock) {
    this.temporal = temporal;
    this.enrolments = enrolments;
    this.responses = responses;
    this.clock = clock;
  }

  /**
   * A recorded response, and whether its enrolment was still running to act on it.
   *
   * @param delivered false when the enrolment had finished: the response is kept without effect
   */
  public record Recorded(ResponseRecord response, boolean delivered) {}

  /**
   * What is wrong with a response to this enrolment, by field ({@code channel}, {@code kind},
   * {@code occurredAt}, {@code returnAt}). A null {@code occurredAt} means now.
   */
  public List<FieldProblem> problems(
      EnrolmentRecord enrolment,
      Medium channel,
      ResponseKind kind,
      Instant occurredAt,
      Instant returnAt) {
    Instant now = clock.now();
    List<FieldProblem> problems = new ArrayList<>();
    if (channel == null) {
      problems.add(new FieldProblem("channel", "is required: EMAIL or LINKEDIN"));
    }
    if (kind == null) {
      problems.add(new FieldProblem("kind", "is required"));
    }
    Instant at = occurredAt != null ? occurredAt : now;
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      problems.add(new FieldProblem("occurredAt", "is in the future (now is " + now + ")"));
    }
    if (at.isBefore(enrolment.createdAt().minus(CLOCK_SKEW))) {
      problems.add(new FieldProblem("occurredAt", "is before the enrolment started"));
    }
    if (returnAt != null && kind != null && kind != ResponseKind.AUTO_REPLY) {
      problems.add(new FieldProblem("returnAt", "only an AUTO_REPLY has a return date"));
    }
    if (returnAt != null && !returnAt.isAfter(at)) {
      problems.add(new FieldProblem("returnAt", "must be after occurredAt"));
    }
    return problems;
  }

  /**
   * Stores the response and, when the enrolment is still running, signals its workflow.
   *
   * @param occurredAt when the prospect acted; now when null
   * @throws InvalidInputException naming each field that is wrong; nothing is stored then
   * @throws io.sequor.domain.errors.NotFoundException when there is no such enrolment
   */
  public Recorded record(
      UUID enrolmentId,
      Medium channel,
      ResponseKind kind,
      Instant occurredAt,
      Instant returnAt,
      String text) {
    return record(enrolmentId, channel, kind, occurredAt, returnAt, text, null);
  }

  /**
   * The same, for a response known to answer one step's message.
   *
   * @param answersStep the key of that step
   */
  public Recorded record(
      UUID enrolmentId,
      Medium channel,
      ResponseKind kind,
      Instant occurredAt,
      Instant returnAt,
      String text,
      String answersStep) {
    EnrolmentRecord enrolment = enrolments.get(enrolmentId);
    List<FieldProblem> problems = problems(enrolment, channel, kind, occurredAt, returnAt);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Instant now = clock.now();
    Instant at = occurredAt != null ? occurredAt : now;
    ResponseRecord response = responses.record(enrolmentId, channel, kind, at, returnAt, text, now);
    try {
      temporal
          .newWorkflowStub(
              EnrolmentWorkflow.class, EnrolmentInput.workflowId(enrolmentId.toString()))
          .respond(
              new Response(response.id().toString(), channel, kind, at, returnAt, answersStep));
      return new Recorded(response, true);
    } catch (WorkflowNotFoundException finished) {
      log.info("enrolment {} has finished; response recorded without effect", enrolmentId);
      return new Recorded(response, false);
    }
  }
}
