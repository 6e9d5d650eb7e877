package io.sequor.app.embedded;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Ports and the data directory of the embedded runtime ({@code sequor.embedded.*}). An empty data
 * directory means a throw-away database, as tests use.
 */
record EmbeddedSettings(
    Optional<Path> dataDir, int postgresPort, int temporalPort, int smtpPort, int imapPort) {

  static EmbeddedSettings from(Environment env) {
    String dir = env.getProperty("sequor.embedded.data-dir", "./.sequor/postgres");
    return new EmbeddedSettings(
        dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
        env.getProperty("sequor.embedded.postgres-port", Integer.class, 15432),
        env.getProperty("sequor.embedded.temporal-port", Integer.class, 7233),
        env.getProperty("sequor.embedded.smtp-port", Integer.class, 3025),
        env.getProperty("sequor.embedded.imap-port", Integer.class, 3143));
  }
}
