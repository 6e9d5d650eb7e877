package io.sequor.workflows.email;

import io.sequor.workflows.enrolment.SendRequest;
import io.sequor.workflows.enrolment.SendResult;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface EmailActivities {

  /** Renders and sends one email step, at most once per idempotency key. */
  SendResult sendEmail(SendRequest request);
}
