package io.sequor.app.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process services of the embedded runtime. One set per JVM: tests that start several
 * application contexts share it, as they would share real services.
 */
final class EmbeddedInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
  private static EmbeddedInfrastructure instance;

  final EmbeddedPostgres postgres;
  final TestServer.PortBoundTestServer temporal;
  final int temporalPort;
  final GreenMail mail;
  final ServerSetup smtp;
  final ServerSetup imap;
  private final Map<String, String> mailboxPasswords = new ConcurrentHashMap<>();

  private EmbeddedInfrastructure(EmbeddedSettings settings) throws IOException {
    this.postgres = startPostgres(settings);
    this.temporalPort = settings.temporalPort();
    // Time skipping locked: time flows like a wall clock until the dev clock moves it.
    this.temporal = TestServer.createPortBoundServer(temporalPort, true);
    this.smtp = new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    this.imap = new ServerSetup(settings.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
    this.mail = new GreenMail(new ServerSetup[] {smtp, imap});
    mail.start();
    log.info(
        "embedded runtime: PostgreSQL on {}, Temporal test server on {}, SMTP on {}, IMAP on {}",
        postgres.getPort(),
        temporalPort,
        settings.smtpPort(),
        settings.imapPort());
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "sequor-embedded-shutdown"));
  }

  static synchronized EmbeddedInfrastructure start(EmbeddedSettings settings) {
    if (instance == null) {
      try {
        instance = new EmbeddedInfrastructure(settings);
      } catch (IOException e) {
        throw new UncheckedIOException("embedded runtime failed to start", e);
      }
    }
    return instance;
  }

  /**
   * The password of a mail server account for this address, created on first ask with a random
   * password, so a mailbox can log in to SMTP and IMAP as a real one would. Lives as long as the
   * in-memory mail server.
   */
  String mailboxPassword(String address) {
    return mailboxPasswords.computeIfAbsent(
        address,
        a -> {
          byte[] random = new byte[18];
          new SecureRandom().nextBytes(random);
          String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
          mail.setUser(a, a, password);
          return password;
        });
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  WorkflowServiceStubsOptions stubsOptions() {
    return WorkflowServiceStubsOptions.newBuilder()
        .setTarget("127.0.0.1:" + temporalPort)
        .setRpcTimeout(Duration.ofMinutes(10))
        .build();
  }

  WorkflowServiceStubs stubs() {
    return WorkflowServiceStubs.newServiceStubs(stubsOptions());
  }

  private static EmbeddedPostgres startPostgres(EmbeddedSettings settings) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(settings.postgresPort())
            // zonky turns fsync off for speed; a persistent store must survive a power cut.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
    Optional<Path> dataDir = settings.dataDirectory();
    if (dataDir.isPresent()) {
      Path dir = dataDir.get().toAbsolutePath();
      Files.createDirectories(dir);
      stopOrphan(dir);
      builder.setDataDirectory(dir).setCleanDataDirectory(false);
    }
    return builder.start();
  }

  /**
   * A JVM killed without its shutdown hook leaves PostgreSQL running on the data directory, and a
   * second one would refuse to start there. Ask the orphan to shut down cleanly first.
   */
  private static void stopOrphan(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
    long pid;
    try {
      pid = Long.parseLong(first);
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (orphan.isEmpty()) {
      Files.deleteIfExists(pidFile);
      return;
    }
    log.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier run", pid, dataDir);
    orphan.get().destroy();
    try {
      orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("PostgreSQL pid " + pid + " did not stop; stop it by hand", e);
    }
  }

  private void stop() {
    try {
      mail.stop();
      temporal.close();
      postgres.close();
    } catch (Exception e) {
      log.warn("embedded runtime did not stop cleanly", e);
    }
  }
}
