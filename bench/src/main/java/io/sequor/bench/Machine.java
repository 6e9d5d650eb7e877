package io.sequor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the figures were measured on. */
final class Machine {

  private Machine() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.join(
        "\n",
        "cpu:     " + cpuModel().orElse("unknown") + ", " + rt.availableProcessors() + " cores",
        "memory:  " + memTotal().orElse("unknown") + " total",
        "jvm:     "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + rt.maxMemory() / (1024 * 1024)
            + " MiB",
        "os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version"),
        "load:    " + loadAverage());
  }

  /** The 1, 5 and 15 minute load averages: a busy machine makes every figure worse. */
  static String loadAverage() {
    return read("/proc/loadavg")
        .map(lines -> lines.isEmpty() ? "unknown" : lines.get(0))
        .orElse("unknown");
  }

  private static Optional<String> cpuModel() {
    return read("/proc/cpuinfo")
        .flatMap(
            lines ->
                lines.stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst());
  }

  private static Optional<String> memTotal() {
    return read("/proc/meminfo")
        .flatMap(
            lines ->
                lines.stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> l.replaceAll("\\D", ""))
                    .findFirst())
        .map(kb -> String.format("%.1f GiB", Long.parseLong(kb) / (1024.0 * 1024.0)));
  }

  private static Optional<List<String>> read(String file) {
    try {
      return Optional.of(Files.readAllLines(Path.of(file)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
