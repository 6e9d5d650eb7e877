package io.sequor.bench;

import io.sequor.app.SequorApplication;
import io.sequor.domain.config.SequorClock;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run against one embedded Sequor: enrolments per second through the API, bare Temporal
 * workflow starts per second on the same server, and the history a canonical enrolment leaves.
 * Prints figures; asserts nothing. See docs/benchmarks.md.
 */
public final class SequorBench {

  private static final Duration CLOSE_WAIT = Duration.ofMinutes(2);
  private static final Duration DRAIN_WAIT = Duration.ofMinutes(2);

  /**
   * The test server arms a 10-second timeout for every workflow task it hands out and, time
   * skipping being locked, fires it in real time, stale or not. Bare starts are timed once the
   * timers of the enrolments before them have gone off, so that only starts are counted.
   */
  private static final Duration SETTLE = Duration.ofSeconds(12);

  private final Settings settings;
  private final ConfigurableApplicationContext context;
  private final WorkflowClient temporal;
  private final Api api;
  private final String sequenceId;
  private final Optional<ProcessHandle> postmaster;
  private final AtomicInteger phases = new AtomicInteger();
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  private SequorBench(
      Settings settings, ConfigurableApplicationContext context, Optional<ProcessHandle> postmaster)
      throws IOException, InterruptedException {
    this.settings = settings;
    this.postmaster = postmaster;
    this.context = context;
    this.temporal = context.getBean(WorkflowClient.class);
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    this.api =
        new Api(
            port,
            context.getBean(JsonMapper.class),
            context.getEnvironment().getProperty("sequor.api.bootstrap-key"));
    this.sequenceId = api.canonicalSequenceId();
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    System.out.println("== Sequor benchmark");
    System.out.println(Machine.describe());
    System.out.println("run:     " + settings.describe());
    int[] ports = freePorts(4);
    long t0 = System.nanoTime();
    ConfigurableApplicationContext context = start(ports);
    System.out.printf("embedded Sequor started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    int exit = 0;
    try {
      new SequorBench(settings, context, Cpu.postmaster(ports[0])).runAll();
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      context.close();
    }
    // The embedded services keep non-daemon threads; their shutdown hook stops them on exit.
    System.exit(exit);
  }

  /** Embedded mode on free loopback ports, with a throw-away database and quiet logs. */
  static ConfigurableApplicationContext start(int[] ports) {
    return new SpringApplicationBuilder(SequorApplication.class)
        .run(
            "--spring.profiles.active=embedded",
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--server.address=127.0.0.1",
            "--server.port=0",
            "--sequor.embedded.data-dir=",
            "--sequor.embedded.postgres-port=" + ports[0],
            "--sequor.embedded.temporal-port=" + ports[1],
            "--sequor.embedded.smtp-port=" + ports[2],
            "--sequor.embedded.imap-port=" + ports[3],
            "--sequor.load-example-sequence=true",
            // The benchmark measures the engine, not the per-key rate limit.
            "--sequor.api.rate-limit.requests-per-second=1000000",
            "--sequor.api.rate-limit.burst=1000000",
            // A funded seat, so every InMail in the run spends a credit as it would in production.
            "--sequor.linkedin.default-seat-plan=bench-plenty",
            "--sequor.linkedin.plans.bench-plenty.monthly-credits=1000000",
            "--sequor.linkedin.plans.bench-plenty.cost-per-credit=1");
  }

  private void runAll() throws Exception {
    if (settings.history()) {
      System.out.println();
      System.out.println("== History events per enrolment");
      historyOfCanonicalEnrolment();
      historyOfEnrolmentWithReply();
    }

    System.out.println();
    System.out.println("== Warm-up (the JIT needs a few seconds of each path)");
    System.out.println(
        bareStarts("bare starts", settings.warmupStarts(), settings.concurrency()).describe());
    System.out.println(
        enrolments(
                "enrolments",
                settings.warmupEnrolments(),
                settings.concurrency(),
                new AtomicInteger(),
                null)
            .describe());
    awaitWorker();
    settle();

    System.out.println();
    System.out.println("== Bare Temporal workflow starts (no worker on the task queue)");
    Cpu before = cpu();
    Load.Result bare = bareStarts("bare starts", settings.starts(), settings.concurrency());
    System.out.println(bare.describe());
    System.out.println("  " + cpu().perOperation(before, bare.ok()));

    System.out.println();
    System.out.println("== Enrolments through POST /api/enrolments");
    AtomicInteger live = new AtomicInteger();
    String[] ids = new String[settings.enrolments()];
    long commitsBefore = commits();
    before = cpu();
    long apiStart = System.nanoTime();
    Load.Result enrol =
        enrolments("enrolments", settings.enrolments(), settings.concurrency(), live, ids);
    System.out.println(enrol.describe());
    System.out.printf(
        "  %d of %d responses carried live workflow state (the rest came from the store)%n",
        live.get(), enrol.ok());
    long caughtUp = awaitWorker();
    if (caughtUp > 0) {
      System.out.printf(
          "  the worker had sent every day-0 InMail %.2f s after the last answer"
              + " (%.1f enrolments/s from first request to last InMail)%n",
          (caughtUp - apiStart - enrol.elapsedNanos()) / 1e9,
          enrol.ok() / ((caughtUp - apiStart) / 1e9));
    }
    System.out.println(
        "  "
            + cpu().perOperation(before, enrol.ok())
            + String.format(
                " (the worker's day-0 work included), %.1f PostgreSQL transactions per enrolment"
                    + " (reads included)",
                (double) (commits() - commitsBefore) / Math.max(1, enrol.ok())));
    if (ids[0] != null) {
      printHistory("  history of one of them after day 0", ids[0], false);
    }

    System.out.println();
    System.out.println("== Bare starts again, after the enrolments, on the same server");
    settle();
    before = cpu();
    Load.Result bareAgain = bareStarts("bare starts", settings.starts(), settings.concurrency());
    System.out.println(bareAgain.describe());
    System.out.println("  " + cpu().perOperation(before, bareAgain.ok()));

    System.out.println();
    System.out.println(
        "== Where one enrolment's time goes: "
            + settings.breakdown()
            + " calls each, one at a time");
    List<Load.Result> parts = new ArrayList<>();
    parts.add(
        enrolments("POST /api/enrolments", settings.breakdown(), 1, new AtomicInteger(), null));
    List<String> enrolled = new ArrayList<>();
    for (String id : ids) {
      if (id != null) {
        enrolled.add(id);
      }
    }
    parts.add(views("GET /api/enrolments/{id}", enrolled));
    parts.add(queries("workflow state query", enrolled));
    parts.add(bareStarts("bare start", settings.breakdown(), 1));
    parts.add(clockReads("engine clock read"));
    parts.add(durableCommits("durable commit"));
    parts.add(lists("GET /api/enrolments?limit=100", 5));
    for (Load.Result part : parts) {
      System.out.println(part.describe());
    }

    if (settings.campaign() > 0) {
      System.out.println();
      System.out.println(
          "== A campaign launched on "
              + settings.campaign()
              + " prospects (POST /api/campaigns/{id}/launch)");
      new CampaignLaunchBench(
              api, context.getBean(JdbcClient.class), sequenceId, Duration.ofMinutes(15))
          .run(settings.campaign(), settings.campaignPage(), run);
    }

    System.out.println();
    System.out.println("== Summary");
    System.out.printf("API enrolments/s      %.1f%n", enrol.perSecond());
    System.out.printf(
        "bare starts/s         %.1f before the enrolments, %.1f after%n",
        bare.perSecond(), bareAgain.perSecond());
    System.out.printf(
        "ratio API : bare      1 : %.1f before, 1 : %.1f after%n",
        bare.perSecond() / enrol.perSecond(), bareAgain.perSecond() / enrol.perSecond());
    System.out.println("load at end:          " + Machine.loadAverage());
  }

  // ---- throughput ----------------------------------------------------------------------------

  private Load.Result bareStarts(String name, int count, int threads) throws InterruptedException {
    String prefix = "bench-" + run + "-" + phases.incrementAndGet() + "-";
    return Load.run(
        name,
        count,
        threads,
        settings.phaseLimit(),
        i -> {
          IdleWorkflow workflow =
              temporal.newWorkflowStub(
                  IdleWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(prefix + i)
                      .setTaskQueue(IdleWorkflow.TASK_QUEUE)
                      .build());
          return !WorkflowClient.start(workflow::idle).getWorkflowId().isEmpty();
        });
  }

  /** Enrols {@code count} new prospects; their enrolment ids go to {@code ids} when given. */
  private Load.Result enrolments(
      String name, int count, int threads, AtomicInteger live, String[] ids)
      throws InterruptedException {
    String prefix = "p-" + run + "-" + phases.incrementAndGet() + "-";
    return Load.run(
        name,
        count,
        threads,
        settings.phaseLimit(),
        i -> {
          String who = prefix + i;
          HttpResponse<String> response =
              api.post(
                  "/api/enrolments", api.enrolment(sequenceId, who), who, Duration.ofSeconds(30));
          if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
          }
          JsonNode view = api.read(response);
          if (view.path("live").asBoolean()) {
            live.incrementAndGet();
          }
          if (ids != null) {
            ids[i] = view.path("id").asString();
          }
          return true;
        });
  }

  /** Reads enrolments back through the API: four store reads and a workflow query each. */
  private Load.Result views(String name, List<String> ids) throws InterruptedException {
    return Load.run(
        name,
        Math.min(settings.breakdown(), ids.size()),
        1,
        settings.phaseLimit(),
        i -> {
          HttpResponse<String> response = api.get("/api/enrolments/" + ids.get(i));
          return response.statusCode() == 200 && api.read(response).path("live").asBoolean();
        });
  }

  /** The query alone, straight to Temporal, as the API makes it. */
  private Load.Result queries(String name, List<String> ids) throws InterruptedException {
    return Load.run(
        name,
        Math.min(settings.breakdown(), ids.size()),
        1,
        settings.phaseLimit(),
        i ->
            temporal
                    .newWorkflowStub(EnrolmentWorkflow.class, "enrolment-" + ids.get(i))
                    .state()
                    .status()
                == EnrolmentStatus.ACTIVE);
  }

  /** In the embedded runtime every engine timestamp is a call to the Temporal test server. */
  private Load.Result clockReads(String name) throws InterruptedException {
    SequorClock clock = context.getBean(SequorClock.class);
    return Load.run(name, settings.breakdown(), 1, settings.phaseLimit(), i -> clock.now() != null);
  }

  /**
   * The smallest durable write: a transaction holding one transactional WAL message and no table
   * row, whose commit waits for the WAL flush as every store write does.
   */
  private Load.Result durableCommits(String name) throws InterruptedException {
    JdbcClient jdbc = context.getBean(JdbcClient.class);
    return Load.run(
        name,
        settings.breakdown(),
        1,
        settings.phaseLimit(),
        i ->
            jdbc.sql("SELECT pg_logical_emit_message(true, 'sequor-bench', 'commit')")
                    .query(String.class)
                    .single()
                != null);
  }

  /** The list endpoint builds the full view, workflow query included, of every row. */
  private Load.Result lists(String name, int count) throws InterruptedException {
    return Load.run(
        name,
        count,
        1,
        settings.phaseLimit(),
        i -> api.get("/api/enrolments?limit=100").statusCode() == 200);
  }

  private static void settle() throws InterruptedException {
    Thread.sleep(SETTLE.toMillis());
  }

  private Cpu cpu() {
    return Cpu.now(postmaster);
  }

  /** Transactions committed in the database so far; statistics lag up to a second. */
  private long commits() throws InterruptedException {
    Thread.sleep(1500);
    return context
        .getBean(JdbcClient.class)
        .sql("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
        .query(Long.class)
        .single();
  }

  /**
   * Waits, bounded, until the worker has finished the first step of every enrolment in the store,
   * then a second more for the workflow tasks that follow.
   *
   * @return the {@link System#nanoTime()} at which every first step was seen finished, or -1
   */
  private long awaitWorker() throws InterruptedException {
    int expected = enrolmentCount();
    long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (enrolmentsWithAFinishedStep() >= expected) {
        long at = System.nanoTime();
        Thread.sleep(1000);
        return at;
      }
      Thread.sleep(50);
    }
    System.out.printf(
        "  worker still busy after %s: %d of %d enrolments have a finished step%n",
        DRAIN_WAIT, enrolmentsWithAFinishedStep(), expected);
    return -1;
  }

  private int enrolmentCount() {
    return context
        .getBean(JdbcClient.class)
        .sql("SELECT count(*) FROM enrolments")
        .query(Integer.class)
        .single();
  }

  private int enrolmentsWithAFinishedStep() {
    return context
        .getBean(JdbcClient.class)
        .sql(
            "SELECT count(DISTINCT enrolment_id) FROM step_executions WHERE finished_at IS NOT NULL")
        .query(Integer.class)
        .single();
  }

  // ---- history -------------------------------------------------------------------------------

  /** Every step sent, then the 90-day refund window after the last InMail runs out. */
  private void historyOfCanonicalEnrolment() throws Exception {
    String id = api.enrol(sequenceId, "h-" + run + "-canonical");
    api.advance("P15D");
    api.advance("P91D");
    printHistory("canonical, no response", id, true);
  }

  /** A reply on day 5, after the day-5 email: the enrolment stops and both InMails are refunded. */
  private void historyOfEnrolmentWithReply() throws Exception {
    String id = api.enrol(sequenceId, "h-" + run + "-reply");
    api.advance("P5D");
    Api.expect(
        api.post(
            "/api/enrolments/" + id + "/responses",
            Map.of("channel", "EMAIL", "kind", "REPLY"),
            null,
            Duration.ofSeconds(30)),
        202);
    printHistory("reply on day 5", id, true);
  }

  /**
   * Prints the size of an enrolment's history and its events by type; {@code complete} waits for
   * the workflow to close first and adds the enrolment's steps and credits.
   */
  private void printHistory(String label, String enrolmentId, boolean complete) throws Exception {
    String workflowId = "enrolment-" + enrolmentId;
    String status = complete ? awaitClosed(workflowId).name() : "";
    WorkflowExecutionHistory history = temporal.fetchHistory(workflowId);
    List<HistoryEvent> events = history.getEvents();
    Map<String, Integer> byType = new TreeMap<>();
    for (HistoryEvent event : events) {
      byType.merge(
          event.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase(), 1, Integer::sum);
    }
    List<String> types = new ArrayList<>();
    byType.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> types.add(String.format("  %4d %s", e.getValue(), e.getKey())));
    if (!complete) {
      System.out.printf(
          "%s: %d events (%s)%n",
          label, events.size(), String.join(",", types).replaceAll(" +", " ").strip());
      return;
    }
    JsonNode view = api.read(api.get("/api/enrolments/" + enrolmentId));
    List<String> steps = new ArrayList<>();
    for (JsonNode step : view.path("steps")) {
      steps.add(step.path("key").asString() + "=" + step.path("status").asString());
    }
    System.out.printf(
        "%s: %d events, %d bytes of history; workflow %s, enrolment %s%s, credits %s%n",
        label,
        events.size(),
        history.getHistory().getSerializedSize(),
        status.replace("WORKFLOW_EXECUTION_STATUS_", ""),
        view.path("status").asString(),
        view.path("stopReason").isNull() ? "" : " (" + view.path("stopReason").asString() + ")",
        view.path("credits").toString());
    System.out.println("  steps: " + String.join(", ", steps));
    types.forEach(System.out::println);
  }

  private WorkflowExecutionStatus awaitClosed(String workflowId) throws InterruptedException {
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    WorkflowExecutionStatus status = WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    while (System.nanoTime() < deadline) {
      status =
          temporal
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(temporal.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return status;
      }
      Thread.sleep(100);
    }
    System.out.println("  (still running after " + CLOSE_WAIT + "; history so far)");
    return status;
  }

  static int[] freePorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return ports;
  }
}
