package io.sequor.workflows.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.Medium;
import io.sequor.workflows.sequence.StepPlan;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.common.ProtobufTimeUtils;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The workflow's decisions on a time-skipping test server, with in-memory channels. */
class EnrolmentWorkflowTest {

  static final List<StepPlan> CANONICAL =
      List.of(
          new StepPlan("day-0-inmail", Channel.LINKEDIN_INMAIL, 0),
          new StepPlan("email-day-1", Channel.EMAIL, 1),
          new StepPlan("day-3-bump", Channel.LINKEDIN_INMAIL, 3),
          new StepPlan("email-day-5", Channel.EMAIL, 5),
          new StepPlan("day-7-new-angle", Channel.LINKEDIN_INMAIL, 7),
          new StepPlan("email-day-10", Channel.EMAIL, 10),
          new StepPlan("day-14-exit", Channel.LINKEDIN_INMAIL, 14));

  TestWorkflowEnvironment env;
  InMemoryChannels channels;
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    channels = new InMemoryChannels(() -> Instant.ofEpochMilli(env.currentTimeMillis()));
    Worker worker = env.newWorker(EnrolmentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(EnrolmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(channels);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  EnrolmentWorkflow enrol(String id) {
    return enrol(id, CANONICAL);
  }

  EnrolmentWorkflow enrol(String id, List<StepPlan> steps) {
    return enrol(id, steps, null);
  }

  EnrolmentWorkflow enrol(String id, List<StepPlan> steps, Boolean scheduled) {
    EnrolmentWorkflow workflow =
        client.newWorkflowStub(
            EnrolmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EnrolmentInput.workflowId(id))
                .setTaskQueue(EnrolmentWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    WorkflowClient.start(
        workflow::run, new EnrolmentInput(id, steps, EnrolmentSettings.defaults(), scheduled));
    return workflow;
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  Response response(Medium channel, ResponseKind kind, Instant returnAt) {
    return new Response(UUID.randomUUID().toString(), channel, kind, now(), returnAt);
  }

  @Test
  void stopsBothBranchesWhenTheProspectRepliesDuringAnInMailSend() {
    EnrolmentWorkflow workflow = enrol("in-flight");
    channels.duringSend.put(
        "day-3-bump",
        request ->
            client
                .newWorkflowStub(EnrolmentWorkflow.class, EnrolmentInput.workflowId("in-flight"))
                .respond(response(Medium.LINKEDIN, ResponseKind.REPLY, null)));

    EnrolmentState end = workflow.run(null);

    assertThat(channels.sent).containsExactly("day-0-inmail", "email-day-1", "day-3-bump");
    assertThat(end.status()).isEqualTo(EnrolmentStatus.STOPPED);
    assertThat(end.stopReason()).isEqualTo(StopReason.REPLIED);
    assertThat(channels.refunded)
        .as("the reply answers the day-0 InMail; the day-3 one went out after it")
        .containsExactly("day-0-inmail");
    assertThat(end.creditsSpent()).isEqualTo(2);
  }

  @Test
  void anAnswerToAnInMailThatArrivesBeforeItsSendIsRecordedStillRefundsIt() {
    EnrolmentWorkflow workflow = enrol("fast-answer");
    channels.duringSend.put(
        "day-3-bump",
        request ->
            client
                .newWorkflowStub(EnrolmentWorkflow.class, EnrolmentInput.workflowId("fast-answer"))
                .respond(
                    new Response(
                        UUID.randomUUID().toString(),
                        Medium.LINKEDIN,
                        ResponseKind.INMAIL_ACCEPTED,
                        now(),
                        null,
                        "day-3-bump")));

    EnrolmentState end = workflow.run(null);

    assertThat(end.stopReason()).isEqualTo(StopReason.INMAIL_ACCEPTED);
    assertThat(channels.refunded)
        .as("the answer names the day-3 InMail, whose result landed after it")
        .containsExactlyInAnyOrder("day-0-inmail", "day-3-bump");
    assertThat(end.creditsRefunded()).isEqualTo(2);
  }

  @Test
  void aResponseSignalledTwiceIsAppliedOnce() {
    EnrolmentWorkflow workflow = enrol("twice");
    env.sleep(Duration.ofDays(1));
    Response ooo = response(Medium.EMAIL, ResponseKind.AUTO_REPLY, now().plus(Duration.ofDays(2)));
    workflow.respond(ooo);
    workflow.respond(ooo);
    env.sleep(Duration.ofHours(1));
    assertThat(channels.refunded).containsExactly("day-0-inmail");
    assertThat(workflow.state().status()).isEqualTo(EnrolmentStatus.PAUSED);
  }

  @Test
  void aDuplicateStartOfTheSameEnrolmentIsRejected() {
    enrol("duplicate");
    assertThatThrownBy(() -> enrol("duplicate"))
        .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
  }

  @Nested
  class Refunds {

    @Test
    void aResponseMoreThanNinetyDaysAfterAnInMailEarnsNoRefund() {
      EnrolmentWorkflow workflow = enrol("late-response");
      env.sleep(Duration.ofDays(94));
      assertThat(workflow.state().status()).isEqualTo(EnrolmentStatus.LISTENING);
      workflow.respond(response(Medium.LINKEDIN, ResponseKind.REPLY, null));

      EnrolmentState end = workflow.run(null);

      assertThat(channels.refunded)
          .as("only the day-7 and day-14 InMails are within 90 days of day 94")
          .containsExactlyInAnyOrder("day-7-new-angle", "day-14-exit");
      assertThat(end.creditsSpent()).isEqualTo(4);
      assertThat(end.creditsRefunded()).isEqualTo(2);
    }

    @Test
    void aResponseEightyNineDaysAndTwentyThreeHoursAfterTheLastInMailRefundsIt() {
      EnrolmentWorkflow workflow = enrol("just-in-time");
      env.sleep(Duration.ofDays(15));
      Instant lastInMail = sentAt(workflow.state(), "day-14-exit");
      env.sleep(Duration.between(now(), lastInMail.plus(Duration.ofDays(89).plusHours(23))));
      workflow.respond(response(Medium.LINKEDIN, ResponseKind.REPLY, null));

      workflow.run(null);

      assertThat(channels.refunded).contains("day-14-exit").doesNotContain("day-0-inmail");
    }

    @Test
    void aResponseNinetyDaysAndOneHourAfterTheLastInMailRefundsNothing() {
      EnrolmentWorkflow workflow = enrol("too-late");
      env.sleep(Duration.ofDays(15));
      Instant lastInMail = sentAt(workflow.state(), "day-14-exit");
      env.sleep(Duration.between(now(), lastInMail.plus(Duration.ofDays(90).plusHours(1))));

      EnrolmentState end = workflow.run(null);
      assertThat(end.status())
          .as("the run closed when the last refund window did")
          .isEqualTo(EnrolmentStatus.COMPLETED);
      assertThatThrownBy(
              () -> workflow.respond(response(Medium.LINKEDIN, ResponseKind.REPLY, null)))
          .as("the API records such a late response without a refund")
          .isInstanceOf(WorkflowNotFoundException.class);
      assertThat(channels.refunded).isEmpty();
      assertThat(end.creditsRefunded()).isZero();
    }

    private Instant sentAt(EnrolmentState state, String key) {
      return state.steps().stream()
          .filter(s -> s.key().equals(key))
          .findFirst()
          .orElseThrow()
          .sentAt();
    }

    @Test
    void aStoppedEnrolmentStillRefundsWhenTheProspectAnswersLater() {
      EnrolmentWorkflow workflow = enrol("stopped-then-answered");
      env.sleep(Duration.ofDays(4));
      workflow.stop();
      env.sleep(Duration.ofDays(30));
      assertThat(channels.sent).containsExactly("day-0-inmail", "email-day-1", "day-3-bump");
      workflow.respond(response(Medium.LINKEDIN, ResponseKind.INMAIL_DECLINED, null));

      EnrolmentState end = workflow.run(null);

      assertThat(end.stopReason()).isEqualTo(StopReason.STOPPED_BY_USER);
      assertThat(channels.refunded).containsExactlyInAnyOrder("day-0-inmail", "day-3-bump");
    }

    @Test
    void anOpenProfileRecipientCostsNothingAndTheRunEndsAfterTheLastStep() {
      channels.openProfiles.add("open");
      EnrolmentWorkflow workflow = enrol("open");
      EnrolmentState end = workflow.run(null);
      assertThat(end.creditsSpent()).isZero();
      assertThat(end.status()).isEqualTo(EnrolmentStatus.COMPLETED);
      Instant closed =
          ProtobufTimeUtils.toJavaInstant(
              client.fetchHistory(EnrolmentInput.workflowId("open")).getLastEvent().getEventTime());
      assertThat(Duration.between(end.enrolledAt(), closed))
          .as("nothing to refund, so no 90-day wait")
          .isLessThan(Duration.ofDays(15));
    }
  }

  @Nested
  class Pauses {

    @Test
    void aManualPauseHoldsEverySendAndResumeKeepsTheSpacing() {
      EnrolmentWorkflow workflow = enrol("manual-pause");
      env.sleep(Duration.ofHours(36));
      workflow.pause();
      env.sleep(Duration.ofDays(10));
      assertThat(channels.sent).containsExactly("day-0-inmail", "email-day-1");

      workflow.resume();
      env.sleep(Duration.ofMinutes(1));
      EnrolmentState state = workflow.state();
      Instant start = state.enrolledAt();
      // Resumed on day 11.5: the day-3 bump (earliest unsent) moves to day 12.5, the rest follow.
      assertThat(plannedDay(state, start, "day-3-bump")).isEqualTo(12.5);
      assertThat(plannedDay(state, start, "email-day-5")).isEqualTo(14.5);
      assertThat(plannedDay(state, start, "day-14-exit")).isEqualTo(23.5);
    }

    @Test
    void anOutOfOfficeWithoutAReturnDatePausesForTheConfiguredDays() {
      EnrolmentWorkflow workflow = enrol("ooo-no-date");
      env.sleep(Duration.ofHours(12));
      Response ooo = response(Medium.EMAIL, ResponseKind.AUTO_REPLY, null);
      workflow.respond(ooo);
      env.sleep(Duration.ofHours(1));
      EnrolmentState paused = workflow.state();
      assertThat(paused.status()).isEqualTo(EnrolmentStatus.PAUSED);
      assertThat(paused.pausedUntil())
          .isEqualTo(ooo.occurredAt().plus(EnrolmentSettings.defaults().outOfOfficePause()));
    }

    private double plannedDay(EnrolmentState state, Instant start, String key) {
      StepState step =
          state.steps().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
      return Duration.between(start, step.plannedAt()).toHours() / 24.0;
    }
  }

  @Nested
  class ScheduledTiming {

    @Test
    void eachStepGoesOutAtThePlanTheActivityGivesAndReportsIt() {
      EnrolmentWorkflow workflow = enrol("scheduled", CANONICAL, true);
      env.sleep(Duration.ofDays(16));
      EnrolmentState state = workflow.state();
      Instant start = state.enrolledAt();
      assertThat(channels.sent).hasSize(7);
      for (StepState step : state.steps()) {
        assertThat(step.plannedAt().atZone(java.time.ZoneOffset.UTC).toLocalTime())
            .as(step.key())
            .isEqualTo(java.time.LocalTime.of(9, 0));
        assertThat(step.sentAt())
            .as(step.key())
            .isBetween(step.plannedAt(), step.plannedAt().plusSeconds(1));
        assertThat(step.plan()).as(step.key()).startsWith("planned for ");
        assertThat(step.plannedAt())
            .isAfterOrEqualTo(start.plus(Duration.ofDays(step.dayOffset())));
      }
      assertThat(channels.plans).allMatch(p -> p.anchor().equals(start));
    }

    @Test
    void aPausePlansTheRemainingStepsAgainFromTheShiftedAnchor() {
      EnrolmentWorkflow workflow = enrol("scheduled-pause", CANONICAL, true);
      env.sleep(Duration.ofDays(2));
      workflow.pause();
      env.sleep(Duration.ofDays(10));
      assertThat(channels.sent).containsExactly("day-0-inmail", "email-day-1");

      workflow.resume();
      env.sleep(Duration.ofMinutes(1));
      EnrolmentState state = workflow.state();
      Instant start = state.enrolledAt();
      StepState bump =
          state.steps().stream().filter(s -> s.key().equals("day-3-bump")).findFirst().get();
      Instant anchor = channels.plans.get(channels.plans.size() - 1).anchor();
      assertThat(anchor)
          .as("the anchor moved by the pause")
          .isAfter(start.plus(Duration.ofDays(8)));
      assertThat(bump.plannedAt()).isAfterOrEqualTo(anchor.plus(Duration.ofDays(3)));
      assertThat(bump.plannedAt().atZone(java.time.ZoneOffset.UTC).toLocalTime())
          .isEqualTo(java.time.LocalTime.of(9, 0));

      env.sleep(Duration.ofDays(20));
      assertThat(channels.sent).hasSize(7);
    }

    @Test
    void anEnrolmentWithoutAScheduleNeverAsksThePlanner() {
      enrol("unscheduled");
      env.sleep(Duration.ofDays(15));
      assertThat(channels.sent).hasSize(7);
      assertThat(channels.plans).isEmpty();
    }
  }

  @Test
  void afterAnAcceptedInvitationLaterInMailsGoOutAsFreeMessages() {
    EnrolmentWorkflow workflow = enrol("connected");
    env.sleep(Duration.ofDays(1));
    workflow.respond(response(Medium.LINKEDIN, ResponseKind.INVITATION_ACCEPTED, null));
    env.sleep(Duration.ofDays(3));

    EnrolmentState state = workflow.state();
    StepState bump =
        state.steps().stream()
            .filter(st -> st.key().equals("day-3-bump"))
            .findFirst()
            .orElseThrow();
    assertThat(state.status())
        .as("an acceptance is not an answer")
        .isEqualTo(EnrolmentStatus.ACTIVE);
    assertThat(bump.route()).isEqualTo(Route.MESSAGE_INSTEAD);
    assertThat(bump.creditSpent()).isFalse();
    assertThat(channels.sent).contains("day-3-bump as LINKEDIN_MESSAGE");
    assertThat(state.creditsSpent()).isEqualTo(1);
  }

  @Nested
  class ConnectionRequests {

    final List<StepPlan> connectThenEmail =
        List.of(
            new StepPlan("connect", Channel.LINKEDIN_CONNECT, 0),
            new StepPlan("email-day-3", Channel.EMAIL, 3));

    @Test
    void anInvitationNobodyAnswersIsWithdrawnAfterFourteenDaysAndTheRunWaitsForIt() {
      EnrolmentWorkflow workflow = enrol("unanswered", connectThenEmail);
      env.sleep(Duration.ofDays(13));
      assertThat(channels.withdrawn).isEmpty();
      assertThat(workflow.state().status())
          .as("the run stays open while an invitation may still be withdrawn")
          .isEqualTo(EnrolmentStatus.LISTENING);

      env.sleep(Duration.ofDays(2));
      assertThat(channels.withdrawn).containsExactly("connect");
      EnrolmentState state = workflow.run(null);
      assertThat(state.status()).isEqualTo(EnrolmentStatus.COMPLETED);
      assertThat(state.steps().get(0).detail())
          .isEqualTo("invitation unanswered after 14 days: withdrawn");
    }

    @Test
    void anAcceptedInvitationIsNeverWithdrawn() {
      EnrolmentWorkflow workflow = enrol("accepted", connectThenEmail);
      env.sleep(Duration.ofDays(2));
      workflow.respond(response(Medium.LINKEDIN, ResponseKind.INVITATION_ACCEPTED, null));
      assertThat(workflow.run(null).status()).isEqualTo(EnrolmentStatus.COMPLETED);
      assertThat(channels.withdrawn).isEmpty();
      assertThat(channels.sent).containsExactly("connect", "email-day-3");
    }

    @Test
    void aProspectWhoRepliesKeepsTheInvitation() {
      EnrolmentWorkflow workflow = enrol("replied", connectThenEmail);
      env.sleep(Duration.ofDays(5));
      workflow.respond(response(Medium.EMAIL, ResponseKind.REPLY, null));
      assertThat(workflow.run(null).stopReason()).isEqualTo(StopReason.REPLIED);
      env.sleep(Duration.ofDays(20));
      assertThat(channels.withdrawn).isEmpty();
    }
  }

  @Test
  void aLinkedInStepWaitsForItsSeatSlotAndGivesItBackWhenTheProspectReplies() {
    channels.slotDelay.put("day-0-inmail", Duration.ofHours(30));
    EnrolmentWorkflow workflow = enrol("paced");
    env.sleep(Duration.ofHours(29));
    assertThat(channels.sent).containsExactly("email-day-1").doesNotContain("day-0-inmail");
    env.sleep(Duration.ofHours(2));
    assertThat(channels.sent).contains("day-0-inmail");

    channels.slotDelay.put("day-3-bump", Duration.ofDays(2));
    env.sleep(Duration.ofDays(3));
    workflow.respond(response(Medium.EMAIL, ResponseKind.REPLY, null));
    workflow.run(null);
    assertThat(channels.sent).doesNotContain("day-3-bump");
    assertThat(channels.released).containsExactly("day-3-bump");
  }

  @Nested
  class MailboxPacing {

    @Test
    void anEmailWaitsForItsMailboxSlotAndGivesItBackWhenTheProspectReplies() {
      channels.mailboxDelay.put("email-day-1", Duration.ofHours(20));
      EnrolmentWorkflow workflow = enrol("mailbox-paced");
      env.sleep(Duration.ofHours(24 + 19));
      assertThat(channels.sent).doesNotContain("email-day-1");
      assertThat(step(workflow, "email-day-1").detail())
          .startsWith("waiting for the mailbox's slot");
      env.sleep(Duration.ofHours(2));
      assertThat(channels.sent).contains("email-day-1");

      channels.mailboxDelay.put("email-day-5", Duration.ofDays(2));
      env.sleep(Duration.ofDays(5));
      workflow.respond(response(Medium.LINKEDIN, ResponseKind.REPLY, null));
      workflow.run(null);
      assertThat(channels.sent).doesNotContain("email-day-5");
      assertThat(channels.releasedFromMailbox).containsExactly("email-day-5");
    }

    @Test
    void aDisabledMailboxHoldsTheEmailAndItGoesOutOnceTheMailboxIsBack() {
      channels.mailboxHeldFor = Duration.ofHours(1);
      EnrolmentWorkflow workflow = enrol("mailbox-held");
      env.sleep(Duration.ofDays(3));
      assertThat(channels.sent).doesNotContain("email-day-1");
      assertThat(step(workflow, "email-day-1").status()).isEqualTo(StepStatus.PENDING);
      assertThat(step(workflow, "email-day-1").detail()).isEqualTo("mailbox is disabled");

      channels.mailboxHeldFor = null;
      env.sleep(Duration.ofHours(1));
      assertThat(channels.sent).contains("email-day-1");
      assertThat(step(workflow, "email-day-1").status()).isEqualTo(StepStatus.SENT);
    }
  }

  StepState step(EnrolmentWorkflow workflow, String key) {
    return workflow.state().steps().stream()
        .filter(st -> st.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anInMailWithoutACreditGoesOutAsAnEmailByDefault() {
    channels.noCreditFor.add("day-3-bump");
    EnrolmentWorkflow workflow = enrol("no-credit");
    env.sleep(Duration.ofDays(4));
    StepState bump =
        workflow.state().steps().stream()
            .filter(st -> st.key().equals("day-3-bump"))
            .findFirst()
            .orElseThrow();
    assertThat(bump.status()).isEqualTo(StepStatus.SENT);
    assertThat(bump.route()).isEqualTo(Route.EMAIL_INSTEAD);
    assertThat(bump.creditSpent()).isFalse();
    assertThat(channels.sent).contains("day-3-bump as EMAIL");
  }

  /**
   * Records the histories used by {@link EnrolmentWorkflowReplayTest}. Runs only when asked ({@code
   * -Dsequor.record-histories=true}) and never overwrites a recorded history: the point of an old
   * history is that older code wrote it.
   */
  @Test
  void recordsHistoriesForReplayWhenAsked() throws IOException {
    if (!Boolean.getBoolean("sequor.record-histories")) {
      return;
    }
    EnrolmentWorkflow workflow = enrol("recorded");
    env.sleep(Duration.ofDays(2));
    workflow.respond(
        response(Medium.EMAIL, ResponseKind.AUTO_REPLY, now().plus(Duration.ofDays(3))));
    env.sleep(Duration.ofDays(8));
    workflow.respond(response(Medium.LINKEDIN, ResponseKind.REPLY, null));
    workflow.run(null);
    keep("ooo-then-reply.json", "recorded");

    channels.noCreditFor.add("day-7-new-angle");
    EnrolmentWorkflow routed = enrol("recorded-routing");
    env.sleep(Duration.ofDays(8));
    routed.respond(response(Medium.EMAIL, ResponseKind.REPLY, null));
    routed.run(null);
    keep("no-credit-email-then-reply.json", "recorded-routing");

    channels.mailboxDelay.put("email-day-1", Duration.ofHours(30));
    EnrolmentWorkflow paced = enrol("recorded-mailbox-pacing");
    env.sleep(Duration.ofDays(3));
    paced.respond(response(Medium.EMAIL, ResponseKind.REPLY, null));
    paced.run(null);
    keep("mailbox-paced-email-then-reply.json", "recorded-mailbox-pacing");

    EnrolmentWorkflow scheduled = enrol("recorded-scheduled", CANONICAL, true);
    env.sleep(Duration.ofDays(2));
    scheduled.pause();
    env.sleep(Duration.ofDays(3));
    scheduled.resume();
    env.sleep(Duration.ofDays(5));
    scheduled.respond(response(Medium.EMAIL, ResponseKind.REPLY, null));
    scheduled.run(null);
    keep("scheduled-pause-then-reply.json", "recorded-scheduled");
  }

  private void keep(String file, String enrolmentId) throws IOException {
    Path path = Path.of("src/test/resources/histories", file);
    if (!Files.exists(path)) {
      Files.writeString(
          path, client.fetchHistory(EnrolmentInput.workflowId(enrolmentId)).toJson(true));
    }
  }
}
