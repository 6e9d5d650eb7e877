package io.sequor.api.problems;

import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error into a problem detail. A client's mistake is a 4xx that names the field; only
 * our own faults are 500s, and those say nothing about internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String BASE = "https://sequor.dev/problems/";

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return invalid(e.problems());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    if (e.existingId() != null) {
      problem.setProperty("existingId", e.existingId());
    }
    if (!e.problems().isEmpty()) {
      problem.setProperty("errors", e.problems());
    }
    return problem;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
    return invalid(
        List.of(new FieldProblem(e.getName(), "'" + e.getValue() + "' is not " + expected)));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest r) {
    return ResponseEntity.badRequest().body(invalid(List.of(unreadable(e))));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest r) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    e.getBindingResult()
        .getGlobalErrors()
        .forEach(g -> problems.add(new FieldProblem(g.getObjectName(), g.getDefaultMessage())));
    return ResponseEntity.badRequest().body(invalid(problems));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest r) {
    List<FieldProblem> problems = new ArrayList<>();
    e.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        error ->
                            problems.add(
                                new FieldProblem(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage()))));
    return ResponseEntity.badRequest().body(invalid(problems));
  }

  /** Temporal unreachable: not the client's fault, and safe to retry with the same key. */
  @ExceptionHandler(WorkflowServiceException.class)
  ProblemDetail temporalUnavailable(WorkflowServiceException e) {
    log.warn("Temporal call failed: {}", e.getMessage());
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "temporal-unavailable",
        "Workflow service unavailable",
        "Sequor could not reach Temporal. What was stored stays stored; repeat the request"
            + " (with the same Idempotency-Key for an enrolment) once Temporal is back.");
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        "Sequor failed to handle this request; nothing was changed by the failed step."
            + " The error is in the server log.");
  }

  private static FieldProblem unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof InvalidFormatException ife) {
      String field = path(ife);
      Class<?> target = ife.getTargetType();
      return new FieldProblem(
          field,
          "'" + ife.getValue() + "' is not " + (target == null ? "valid" : describe(target)));
    }
    if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
      Class<?> target = mie.getTargetType();
      return new FieldProblem(
          path(mie),
          "has the wrong type; expected " + (target == null ? "another type" : describe(target)));
    }
    if (cause instanceof DatabindException de && !de.getPath().isEmpty()) {
      return new FieldProblem(path(de), de.getOriginalMessage());
    }
    if (cause instanceof JacksonException je) {
      return new FieldProblem("body", "is not valid JSON: " + je.getOriginalMessage());
    }
    return new FieldProblem("body", "is missing or not valid JSON");
  }

  /** A JSON path such as {@code steps[2].channel}. */
  private static String path(JacksonException e) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    return switch (type.getSimpleName()) {
      case "UUID" -> "a UUID";
      case "Instant" -> "an ISO-8601 instant like 2026-11-26T09:00:00Z";
      case "LocalDate" -> "an ISO-8601 date like 2026-12-10";
      case "Duration" -> "an ISO-8601 duration like P3D";
      case "Integer", "int", "Long", "long" -> "a whole number";
      case "Boolean", "boolean" -> "true or false";
      default -> "a valid " + type.getSimpleName();
    };
  }

  static ProblemDetail invalid(List<FieldProblem> problems) {
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "Invalid request",
            problems.size() == 1
                ? problems.get(0).field() + ": " + problems.get(0).reason()
                : problems.size() + " fields are invalid; see errors");
    problem.setProperty("errors", problems);
    return problem;
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + type));
    problem.setTitle(title);
    return problem;
  }
}
