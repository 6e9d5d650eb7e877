package io.sequor.worker.linkedin;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.linkedin.LinkedInEventIntake;
import io.sequor.domain.linkedin.LinkedInEventStore;
import io.sequor.workflows.sandbox.ScriptedDelivery;
import io.sequor.workflows.sandbox.ScriptedResponse;
import io.sequor.workflows.sandbox.ScriptedResponseActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Delivers the sandbox's scripted answers as provider events, through the intake the webhook uses:
 * deduplicated by event id (so a retried delivery is recorded once), matched to the send by its
 * provider id, recorded as a LinkedIn response and signalled to the enrolment.
 */
@Component("scriptedResponseActivities")
class ScriptedResponseActivitiesImpl implements ScriptedResponseActivities {

  private final LinkedInEventIntake intake;
  private final LinkedInEventStore events;
  private final SequorClock clock;

  ScriptedResponseActivitiesImpl(
      LinkedInEventIntake intake, LinkedInEventStore events, SequorClock clock) {
    this.intake = intake;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void deliverScriptedResponse(ScriptedDelivery delivery) {
    // A provider's event for an unknown message is kept for review; this one is known to be ours,
    // and its send is recorded a moment after the sandbox accepts it: wait for that.
    if (events.sendFor(delivery.providerMessageId(), null).isEmpty()) {
      throw ApplicationFailure.newFailure(
          "send " + delivery.providerMessageId() + " is not recorded yet", "SendNotRecorded");
    }
    ScriptedResponse response = delivery.response();
    try {
      intake.receive(
          new LinkedInEventIntake.Inbound(
              delivery.eventId(),
              "sandbox." + response.kind().name().toLowerCase(Locale.ROOT),
              response.kind(),
              delivery.providerMessageId(),
              null,
              null,
              stillAhead(response.returnAt()),
              response.text()));
    } catch (InvalidInputException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidResponse");
    }
  }

  /**
   * A return date already past when the auto-reply lands says nothing: the default pause applies.
   */
  private Instant stillAhead(Instant returnAt) {
    return returnAt != null && returnAt.isAfter(clock.now()) ? returnAt : null;
  }
}
