package io.sequor.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsubscribeSecretTest {

  private static EmbeddedSettings settings(String dataDir) {
    return new EmbeddedSettings(dataDir, 0, 0, 0, 0);
  }

  @Test
  void aGeneratedSecretIsKeptBesideTheDataDirectoryForTheNextStartAndOnlyItsOwnerReadsIt(
      @TempDir Path home) throws Exception {
    EmbeddedSettings settings = settings(home.resolve(".sequor/postgres").toString());
    String first = UnsubscribeSecret.load(settings);
    Path file = home.resolve(".sequor/unsubscribe-secret");

    assertThat(first).hasSizeGreaterThanOrEqualTo(32);
    assertThat(UnsubscribeSecret.load(settings)).as("after a restart").isEqualTo(first);
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aThrowAwayDatabaseGetsASecretForThisRunOnly() {
    assertThat(UnsubscribeSecret.load(settings("")))
        .hasSizeGreaterThanOrEqualTo(32)
        .isNotEqualTo(UnsubscribeSecret.load(settings("")));
  }
}
