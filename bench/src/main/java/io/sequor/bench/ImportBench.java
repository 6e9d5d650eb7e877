package io.sequor.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One CSV import of {@code bench.import-rows} generated prospects through {@code POST
 * /api/prospect-imports}, against an embedded Sequor in this JVM: rows per second, and the heap the
 * whole process used while it ran. The file is generated as the request streams it, so neither side
 * ever holds it. Prints figures; asserts nothing. See docs/benchmarks.md.
 */
public final class ImportBench {

  private ImportBench() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.getInteger("bench.import-rows", 100_000);
    System.out.println("== Sequor prospect import benchmark");
    System.out.println(Machine.describe());
    System.out.printf(
        "run:     %d rows, max heap %d MiB%n",
        rows, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    ConfigurableApplicationContext context = SequorBench.start(SequorBench.freePorts(4));
    int exit = 0;
    try {
      run(context, rows);
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      context.close();
    }
    System.exit(exit);
  }

  private static void run(ConfigurableApplicationContext context, int rows) throws Exception {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    JsonMapper json = context.getBean(JsonMapper.class);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    // A small import first, so the JIT has seen the path.
    send(http, port, 2_000, "warm");

    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long t0 = System.nanoTime();
    HttpResponse<String> response = send(http, port, rows, "run");
    double seconds = (System.nanoTime() - t0) / 1e9;
    running.set(false);
    sampler.join();

    JsonNode summary = json.readTree(response.body());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
    System.out.println();
    System.out.println("== POST /api/prospect-imports, one request, generated CSV streamed");
    System.out.printf(
        "  %d rows in %.1f s: %.0f rows/s (created %d, updated %d, skipped %d, status %s)%n",
        summary.path("rowsRead").asInt(),
        seconds,
        summary.path("rowsRead").asInt() / seconds,
        summary.path("created").asInt(),
        summary.path("updated").asInt(),
        summary.path("skipped").asInt(),
        summary.path("status").asString());
    System.out.printf(
        "  heap used by the whole process (app, embedded Temporal, client): %d MiB after GC"
            + " before, %d MiB peak during (sampled every 50 ms), of %d MiB max%n",
        before / (1024 * 1024),
        peak.get() / (1024 * 1024),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static HttpResponse<String> send(HttpClient http, int port, int rows, String run)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/prospect-imports"))
            .timeout(Duration.ofMinutes(30))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(rows, run)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A CSV file of {@code rows} distinct prospects, produced a line at a time as it is read. One row
   * in a thousand has a broken email address, so the skip path is measured too.
   */
  static final class GeneratedCsv extends InputStream {
    private final int rows;
    private final String run;
    private int next = -1;
    private byte[] line = new byte[0];
    private int at;

    GeneratedCsv(int rows, String run) {
      this.rows = rows;
      this.run = run + "-" + Long.toString(System.nanoTime(), 36);
    }

    @Override
    public int read() {
      if (!fill()) {
        return -1;
      }
      return line[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len && fill()) {
        int chunk = Math.min(len - n, line.length - at);
        System.arraycopy(line, at, b, off + n, chunk);
        at += chunk;
        n += chunk;
      }
      return n == 0 ? -1 : n;
    }

    private boolean fill() {
      while (at == line.length) {
        if (next >= rows) {
          return false;
        }
        String text =
            next < 0
                ? "Email,First Name,Last Name,Company,Title,LinkedIn URL,Timezone,Pain Point\n"
                : row(next);
        next++;
        line = text.getBytes(StandardCharsets.UTF_8);
        at = 0;
      }
      return true;
    }

    private String row(int i) {
      String who = run + "-" + i;
      String email = i % 1000 == 999 ? who + "@" : who + "@import.bench.example.com";
      return email
          + ",Ada,Lovelace,Company "
          + (i % 5000)
          + ",VP Sales,https://www.linkedin.com/in/"
          + who
          + ",Europe/Paris,\"manual reporting, weekly\"\n";
    }
  }
}
