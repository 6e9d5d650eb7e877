package io.sequor.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.secrets.SecretBox;
import io.sequor.domain.secrets.SecretsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The embedded runtime keeps its secrets key next to its data, for its owner's eyes only. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedSecretsKeyTest {

  private static EmbeddedSettings settings(String dataDir) {
    return new EmbeddedSettings(dataDir, 0, 0, 0, 0);
  }

  @Test
  void theFirstStartMakesAKeyOwnerOnlyAndSaysSoAndLaterStartsReuseIt(
      @TempDir Path home, CapturedOutput output) throws IOException {
    String dataDir = home.resolve(".sequor/postgres").toString();

    String first = EmbeddedSecretsKey.resolve(settings(dataDir));

    Path file = home.resolve(".sequor/secrets.key");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(output.getAll()).contains("generated a secrets key in " + file);
    assertThat(new SecretBox(new SecretsProperties(first, List.of())).hasKey()).isTrue();
    assertThat(EmbeddedSecretsKey.resolve(settings(dataDir)))
        .as("the key survives a restart with the data")
        .isEqualTo(first);
  }

  @Test
  void aThrowAwayDatabaseGetsAThrowAwayKey() {
    String key = EmbeddedSecretsKey.resolve(settings(""));

    assertThat(new SecretBox(new SecretsProperties(key, List.of())).hasKey()).isTrue();
    assertThat(EmbeddedSecretsKey.resolve(settings(""))).isNotEqualTo(key);
  }
}
