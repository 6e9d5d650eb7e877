package io.sequor.workflows.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.enrolment.ResponseKind;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted answers land on the workflow clock, each after its own delay from the send. */
class ScriptedResponseWorkflowTest {

  record Delivered(ScriptedDelivery delivery, Instant at) {}

  TestWorkflowEnvironment env;
  List<Delivered> delivered = new CopyOnWriteArrayList<>();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(EnrolmentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ScriptedResponseWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        (ScriptedResponseActivities)
            d -> delivered.add(new Delivered(d, Instant.ofEpochMilli(env.currentTimeMillis()))));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  void play(ScriptedResponses responses) {
    ScriptedResponseWorkflow workflow =
        client.newWorkflowStub(
            ScriptedResponseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ScriptedResponses.workflowId(responses.providerMessageId()))
                .setTaskQueue(EnrolmentWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(workflow::run, responses);
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void eachAnswerLandsOnlyOnceItsDelayHasPassedInOrderOfDelay() {
    Instant sentAt = now();
    ScriptedResponse reply =
        new ScriptedResponse(ResponseKind.REPLY, Duration.ofDays(3), "Yes", null);
    ScriptedResponse away =
        new ScriptedResponse(ResponseKind.AUTO_REPLY, Duration.ofHours(4), "Away", null);
    play(new ScriptedResponses("msg-1", sentAt, List.of(reply, away)));

    env.sleep(Duration.ofHours(3));
    assertThat(delivered).as("nothing before four hours").isEmpty();

    env.sleep(Duration.ofHours(2));
    assertThat(delivered)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.delivery().response()).isEqualTo(away);
              assertThat(d.delivery().eventId()).isEqualTo("sandbox:msg-1:1");
              assertThat(d.delivery().providerMessageId()).isEqualTo("msg-1");
              assertThat(d.at()).isAfterOrEqualTo(sentAt.plus(Duration.ofHours(4)));
            });

    env.sleep(Duration.ofDays(3));
    assertThat(delivered)
        .extracting(d -> d.delivery().response().kind())
        .containsExactly(ResponseKind.AUTO_REPLY, ResponseKind.REPLY);
    assertThat(delivered.get(1).at()).isAfterOrEqualTo(sentAt.plus(Duration.ofDays(3)));
    assertThat(delivered.get(1).delivery().eventId()).isEqualTo("sandbox:msg-1:0");
  }

  @Test
  void theDelayCountsFromTheSendNotFromWhenTheWorkflowStarted() {
    Instant sentAt = now().minus(Duration.ofHours(3));
    play(
        new ScriptedResponses(
            "msg-2",
            sentAt,
            List.of(new ScriptedResponse(ResponseKind.REPLY, Duration.ofHours(4), null, null))));

    env.sleep(Duration.ofMinutes(30));
    assertThat(delivered).isEmpty();
    env.sleep(Duration.ofMinutes(45));
    assertThat(delivered).hasSize(1);
  }
}
