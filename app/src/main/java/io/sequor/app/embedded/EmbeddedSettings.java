package io.sequor.app.embedded;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Ports and the data directory of the embedded runtime ({@code sequor.embedded.*}), bound before
 * the application context exists because the services must run before it starts. An empty data
 * directory means a throw-away database; port 0 means any free port. Both are what tests use.
 */
record EmbeddedSettings(
    @DefaultValue("./.sequor/postgres") String dataDir,
    @DefaultValue("15432") @Min(0) @Max(65535) int postgresPort,
    @DefaultValue("7233") @Min(0) @Max(65535) int temporalPort,
    @DefaultValue("3025") @Min(0) @Max(65535) int smtpPort,
    @DefaultValue("3143") @Min(0) @Max(65535) int imapPort) {

  static EmbeddedSettings from(Environment env) {
    EmbeddedSettings bound;
    try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
      bound =
          Binder.get(env)
              .bindOrCreate(
                  "sequor.embedded",
                  Bindable.of(EmbeddedSettings.class),
                  new ValidationBindHandler(new SpringValidatorAdapter(validation.getValidator())));
    }
    return new EmbeddedSettings(
        bound.dataDir(),
        free(bound.postgresPort()),
        free(bound.temporalPort()),
        free(bound.smtpPort()),
        free(bound.imapPort()));
  }

  Optional<Path> dataDirectory() {
    return dataDir == null || dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir));
  }

  private static int free(int port) {
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded runtime", e);
    }
  }
}
