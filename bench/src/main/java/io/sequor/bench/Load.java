package io.sequor.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one call {@code count} times from a fixed number of threads and records how long each took.
 * Stops early, without starting new calls, once {@code limit} has passed.
 */
final class Load {

  private Load() {}

  /** One call; answers whether the outcome was the expected one. */
  interface Call {
    boolean run(int index) throws Exception;
  }

  record Result(
      String name,
      int requested,
      int ok,
      int failed,
      long elapsedNanos,
      long[] okLatenciesNanos,
      long[] okEndsNanos,
      String firstFailure,
      boolean cutShort) {

    double perSecond() {
      return elapsedNanos == 0 ? 0 : ok / (elapsedNanos / 1e9);
    }

    /** Nearest-rank percentile of the successful calls, in milliseconds. */
    double percentileMillis(double p) {
      if (okLatenciesNanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100.0 * okLatenciesNanos.length);
      return okLatenciesNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * Calls finished per second over the first and the last quarter of the run, to show whether the
     * rate held up; empty under 200 successful calls.
     */
    String quarters() {
      int n = okEndsNanos.length;
      int q = n / 4;
      if (n < 200) {
        return "";
      }
      double first = q / (okEndsNanos[q - 1] / 1e9);
      double last = q / ((okEndsNanos[n - 1] - okEndsNanos[n - 1 - q]) / 1e9);
      return String.format("first quarter %.1f/s, last quarter %.1f/s", first, last);
    }

    String describe() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              "%-22s %5d ok, %d failed of %d in %.2f s -> %.1f/s;"
                  + " latency ms p50 %.1f  p95 %.1f  p99 %.1f  max %.1f",
              name,
              ok,
              failed,
              requested,
              elapsedNanos / 1e9,
              perSecond(),
              percentileMillis(50),
              percentileMillis(95),
              percentileMillis(99),
              percentileMillis(100)));
      if (!quarters().isEmpty()) {
        s.append("\n  ").append(quarters());
      }
      if (cutShort) {
        s.append("\n  stopped early: the time limit passed");
      }
      if (firstFailure != null) {
        s.append("\n  first failure: ").append(firstFailure);
      }
      return s.toString();
    }
  }

  static Result run(String name, int count, int threads, Duration limit, Call call)
      throws InterruptedException {
    long[] latencies = new long[count];
    long[] ends = new long[count];
    boolean[] succeeded = new boolean[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.execute(
          () -> {
            while (System.nanoTime() < deadline) {
              int i = next.getAndIncrement();
              if (i >= count) {
                return;
              }
              long t0 = System.nanoTime();
              boolean ok;
              String why = null;
              try {
                ok = call.run(i);
                if (!ok) {
                  why = "unexpected answer to call " + i;
                }
              } catch (Exception e) {
                ok = false;
                why = e.getClass().getSimpleName() + ": " + e.getMessage();
              }
              long t1 = System.nanoTime();
              latencies[i] = t1 - t0;
              ends[i] = t1 - start;
              succeeded[i] = ok;
              if (!ok) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, why);
              }
            }
          });
    }
    pool.shutdown();
    // Every call has its own timeout, so one minute past the limit is ample.
    if (!pool.awaitTermination(limit.toSeconds() + 60, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
    long elapsed = System.nanoTime() - start;
    int attempted = Math.min(next.get(), count);
    long[] ok = new long[attempted];
    long[] okEnds = new long[attempted];
    int n = 0;
    for (int i = 0; i < attempted; i++) {
      if (succeeded[i]) {
        okEnds[n] = ends[i];
        ok[n++] = latencies[i];
      }
    }
    long[] okSorted = Arrays.copyOf(ok, n);
    Arrays.sort(okSorted);
    long[] endsSorted = Arrays.copyOf(okEnds, n);
    Arrays.sort(endsSorted);
    return new Result(
        name,
        count,
        n,
        failed.get(),
        elapsed,
        okSorted,
        endsSorted,
        firstFailure.get(),
        attempted < count);
  }
}
