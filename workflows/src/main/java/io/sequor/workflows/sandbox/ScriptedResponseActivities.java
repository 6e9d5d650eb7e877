package io.sequor.workflows.sandbox;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ScriptedResponseActivities {

  /**
   * Delivers the answer as the provider's webhook would: matched to its send by the provider id,
   * recorded as a LinkedIn response of that enrolment, and signalled to its workflow. Fails
   * (retryably) while the send it answers is not recorded yet.
   */
  void deliverScriptedResponse(ScriptedDelivery delivery);
}
