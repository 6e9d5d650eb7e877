package io.sequor.worker.enrolments;

import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.enrolments.ResponseStore;
import io.sequor.domain.experiments.Experiments;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.sequence.Medium;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads a {@link SendContext}; the last check before anything reaches a person. A step that runs an
 * experiment comes back as the enrolment's variant sends it.
 */
@Component
public class SendContexts {

  private final EnrolmentStore enrolments;
  private final ProspectStore prospects;
  private final SequenceCatalog catalog;
  private final ResponseStore responses;
  private final Experiments experiments;

  SendContexts(
      EnrolmentStore enrolments,
      ProspectStore prospects,
      SequenceCatalog catalog,
      ResponseStore responses,
      Experiments experiments) {
    this.experiments = experiments;
    this.enrolments = enrolments;
    this.prospects = prospects;
    this.catalog = catalog;
    this.responses = responses;
  }

  public SendContext load(SendRequest request) {
    UUID id = UUID.fromString(request.enrolmentId());
    EnrolmentRecord enrolment =
        enrolments
            .find(id)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "enrolment " + id + " is not in the store", "UnknownEnrolment"));
    Prospect prospect = prospects.get(enrolment.prospectId());
    StepDefinition step =
        catalog
            .versionById(enrolment.sequenceVersionId())
            .step(request.stepKey())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "step " + request.stepKey() + " is not in the enrolment's version",
                        "UnknownStep"));
    Optional<String> hold = Optional.empty();
    if (enrolment.status() == EnrolmentStatus.STOPPED) {
      hold = Optional.of("enrolment stopped before this step");
    } else if (responses.hasStoppingResponse(id)) {
      hold = Optional.of("prospect responded before this step");
    } else if (request.channel().medium() == Medium.EMAIL
        ? prospects.emailSuppressed(prospect)
        : prospects.linkedInSuppressed(prospect)) {
      hold =
          Optional.of(
              request.channel().medium() == Medium.EMAIL
                  ? "email address is suppressed (unsubscribed)"
                  : "prospect is suppressed");
    }
    if (hold.isEmpty() && step.runsExperiment()) {
      // Fixed at the first attempt and read back on retries, before the send records its event.
      String variant =
          experiments.variantFor(id, enrolment.sequenceVersionId(), step, prospect.segment());
      step = step.withVariant(variant);
    }
    return new SendContext(request, enrolment, prospect, step, hold);
  }
}
