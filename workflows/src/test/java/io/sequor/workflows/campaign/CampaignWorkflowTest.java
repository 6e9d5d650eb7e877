package io.sequor.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign workflow's run on a time-skipping test server, over an in-memory audience. */
class CampaignWorkflowTest {

  TestWorkflowEnvironment env;
  final Audience audience = new Audience();
  CampaignWorkflow campaign;

  /** An audience of numbered prospects, each decided at most once, and the enrolments told. */
  static final class Audience implements CampaignActivities {
    volatile int size;
    final Map<Integer, AtomicInteger> decisions = new ConcurrentHashMap<>();
    final List<EnrolmentCommand> told = new CopyOnWriteArrayList<>();
    final List<CampaignPhase> phases = new CopyOnWriteArrayList<>();
    final AtomicInteger prepared = new AtomicInteger();
    volatile long running;

    @Override
    public void prepareLaunch(String campaignId) {
      prepared.incrementAndGet();
    }

    @Override
    public PageResult enrolPage(String campaignId, String cursor, int pageSize) {
      int from = cursor == null ? 0 : Integer.parseInt(cursor) + 1;
      int to = Math.min(size, from + pageSize);
      for (int i = from; i < to; i++) {
        decisions.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
      }
      running += to - from;
      return new PageResult(
          to - from, 0, to == from ? cursor : String.valueOf(to - 1), to - from < pageSize);
    }

    @Override
    public String command(
        String campaignId, EnrolmentCommand command, String cursor, int pageSize) {
      told.add(command);
      if (command == EnrolmentCommand.STOP) {
        running = 0;
      }
      return null;
    }

    @Override
    public void recordPhase(String campaignId, CampaignPhase phase) {
      phases.add(phase);
    }

    @Override
    public long runningEnrolments(String campaignId) {
      return running;
    }
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(CampaignWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class);
    worker.registerActivitiesImplementations(audience);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private WorkflowStub launch(int size, int pageSize) {
    audience.size = size;
    campaign =
        env.getWorkflowClient()
            .newWorkflowStub(
                CampaignWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(CampaignInput.workflowId("c1"))
                    .setTaskQueue(CampaignWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(
        campaign::run,
        new CampaignInput(
            "c1", pageSize, Duration.ofSeconds(10), Duration.ofHours(6), null, 0, false, false));
    return WorkflowStub.fromTyped(campaign);
  }

  @Test
  void aLongLaunchContinuesAsNewAndDecidesEveryProspectOnce() {
    int size = (int) CampaignWorkflowImpl.PAGES_PER_RUN * 2 + 5;
    WorkflowStub run = launch(size, 1);
    env.sleep(Duration.ofSeconds(10L * size + 60));
    assertThat(audience.decisions).hasSize(size);
    assertThat(audience.decisions.values()).allMatch(n -> n.get() == 1);
    assertThat(audience.prepared.get()).as("the audience is frozen once").isEqualTo(1);
    assertThat(audience.phases).containsExactly(CampaignPhase.LAUNCHED);

    audience.running = 0;
    env.sleep(Duration.ofHours(7));
    assertThat(run.getResult(CampaignPhase.class)).isEqualTo(CampaignPhase.COMPLETED);
    assertThat(audience.phases).containsExactly(CampaignPhase.LAUNCHED, CampaignPhase.COMPLETED);
  }

  @Test
  void pauseStopsThePagesAndPausesTheEnrolmentsUntilResume() {
    launch(50, 5);
    env.sleep(Duration.ofSeconds(25));
    campaign.pause();
    env.sleep(Duration.ofSeconds(15));
    int decidedAtPause = audience.decisions.size();
    assertThat(decidedAtPause).isBetween(5, 45);
    env.sleep(Duration.ofHours(2));
    assertThat(audience.decisions).as("no page while paused").hasSize(decidedAtPause);
    assertThat(audience.told).containsExactly(EnrolmentCommand.PAUSE);
    assertThat(campaign.phase()).isEqualTo(CampaignPhase.PAUSED);

    campaign.resume();
    env.sleep(Duration.ofMinutes(5));
    assertThat(audience.decisions).hasSize(50);
    assertThat(audience.told).containsExactly(EnrolmentCommand.PAUSE, EnrolmentCommand.RESUME);
    assertThat(audience.phases)
        .containsExactly(CampaignPhase.PAUSED, CampaignPhase.LAUNCHING, CampaignPhase.LAUNCHED);
  }

  @Test
  void cancelStopsTheLaunchAndTellsTheEnrolmentsToStop() {
    WorkflowStub run = launch(50, 5);
    env.sleep(Duration.ofSeconds(25));
    campaign.cancel();
    assertThat(run.getResult(CampaignPhase.class)).isEqualTo(CampaignPhase.CANCELLED);
    assertThat(audience.decisions.size()).isLessThan(50);
    assertThat(audience.told).containsExactly(EnrolmentCommand.STOP);
    assertThat(new ArrayList<>(audience.phases)).endsWith(CampaignPhase.CANCELLED);
  }
}
