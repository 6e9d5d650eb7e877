package io.sequor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM (API, worker and Temporal test server all live in it) and by the
 * embedded PostgreSQL processes it started. Less sensitive to a busy machine than wall-clock rates.
 */
record Cpu(long jvmNanos, long postgresNanos) {

  /** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * The postmaster listening on {@code port}. It is not a child of this JVM (pg_ctl detaches it),
   * so it is found by its command line.
   */
  static Optional<ProcessHandle> postmaster(int port) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> isPostmaster(p.resolve("cmdline"), port))
          .findFirst()
          .flatMap(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Cpu now(Optional<ProcessHandle> postmaster) {
    long jvm = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      jvm = os.getProcessCpuTime();
    }
    long postgres =
        postmaster
            .map(
                pm ->
                    ticks(pm.pid())
                        + pm.descendants().mapToLong(backend -> ticks(backend.pid())).sum())
            .orElse(-1L);
    return new Cpu(jvm, postgres < 0 ? -1 : postgres * NANOS_PER_TICK);
  }

  private static boolean isPostmaster(Path cmdline, int port) {
    try {
      List<String> args = List.of(Files.readString(cmdline).split("\u0000"));
      int p = args.indexOf("-p");
      return !args.isEmpty()
          && args.get(0).endsWith("postgres")
          && p > 0
          && p + 1 < args.size()
          && args.get(p + 1).equals(Integer.toString(port));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** CPU milliseconds per operation since {@code before}, for this JVM and for PostgreSQL. */
  String perOperation(Cpu before, int operations) {
    if (operations == 0) {
      return "no operations";
    }
    String postgres =
        postgresNanos < 0 || before.postgresNanos < 0
            ? "unknown"
            : String.format("%.2f ms", (postgresNanos - before.postgresNanos) / 1e6 / operations);
    return String.format(
        "CPU per call: JVM %.2f ms, PostgreSQL %s",
        (jvmNanos - before.jvmNanos) / 1e6 / operations, postgres);
  }

  /** utime + stime of one process, in ticks; 0 when it has gone. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name is in parentheses and may hold spaces; fields are counted after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
