package io.sequor.api.enrolments;

import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records a response that reached Sequor some other way than {@code POST
 * /api/enrolments/{id}/responses}, such as a provider's webhook, through the same checks, store and
 * workflow signal, so both ways have one behaviour.
 */
@Component
public class ResponseIntake {

  private final EnrolmentService enrolments;

  ResponseIntake(EnrolmentService enrolments) {
    this.enrolments = enrolments;
  }

  /** Stores the response and signals the enrolment's workflow; returns the response's id. */
  public UUID record(
      UUID enrolmentId, Medium channel, ResponseKind kind, Instant occurredAt, String text) {
    return enrolments
        .respond(
            enrolmentId,
            new EnrolmentRequests.RecordResponse(channel, kind, occurredAt, null, null, text))
        .response()
        .id();
  }
}
