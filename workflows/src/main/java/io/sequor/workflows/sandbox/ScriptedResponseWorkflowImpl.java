package io.sequor.workflows.sandbox;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;

/**
 * Sleeps until each answer is due, in order of delay, and delivers it. The delay is a Temporal
 * timer, so in the embedded runtime moving the dev clock past it is what makes the answer land.
 */
public class ScriptedResponseWorkflowImpl implements ScriptedResponseWorkflow {

  private static final Logger log = Workflow.getLogger(ScriptedResponseWorkflowImpl.class);

  /**
   * The send is recorded just after the sandbox accepts it; retries cover an answer due at once. An
   * answer whose send is never recorded (its attempt crashed before the provider id was kept) is
   * given up after a few minutes, as a provider event matching nothing would be.
   */
  private static final ActivityOptions DELIVERY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .build())
          .build();

  private final ScriptedResponseActivities provider =
      Workflow.newActivityStub(ScriptedResponseActivities.class, DELIVERY);

  @Override
  public void run(ScriptedResponses input) {
    List<ScriptedResponse> responses = input.responses();
    List<Integer> byDelay =
        IntStream.range(0, responses.size())
            .boxed()
            .sorted(Comparator.comparing(i -> responses.get(i).after()))
            .toList();
    for (int index : byDelay) {
      ScriptedResponse response = responses.get(index);
      long due = input.sentAt().plus(response.after()).toEpochMilli();
      long wait = due - Workflow.currentTimeMillis();
      if (wait > 0) {
        Workflow.sleep(Duration.ofMillis(wait));
      }
      try {
        provider.deliverScriptedResponse(
            new ScriptedDelivery(input.eventId(index), input.providerMessageId(), response));
      } catch (ActivityFailure failure) {
        log.warn(
            "scripted {} to {} not delivered: {}",
            response.kind(),
            input.providerMessageId(),
            failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
      }
    }
  }
}
