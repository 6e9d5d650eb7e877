package io.sequor.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Ports and the data directory of the embedded runtime ({@code sequor.embedded.*}). An empty data
 * directory means a throw-away database, as tests use.
 */
record EmbeddedSettings(
    Optional<Path> dataDir, int postgresPort, int temporalPort, int smtpPort, int imapPort) {

  /** Port 0 means any free port, as tests use. */
  static EmbeddedSettings from(Environment env) {
    String dir = env.getProperty("sequor.embedded.data-dir", "./.sequor/postgres");
    return new EmbeddedSettings(
        dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
        port(env, "postgres-port", 15432),
        port(env, "temporal-port", 7233),
        port(env, "smtp-port", 3025),
        port(env, "imap-port", 3143));
  }

  private static int port(Environment env, String name, int fallback) {
    int port = env.getProperty("sequor.embedded." + name, Integer.class, fallback);
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for sequor.embedded." + name, e);
    }
  }
}
