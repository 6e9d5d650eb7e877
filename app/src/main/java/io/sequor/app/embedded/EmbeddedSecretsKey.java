package io.sequor.app.embedded;

import io.sequor.domain.secrets.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded runtime's secrets key: made on first start and kept in {@code secrets.key} next to
 * the data directory ({@code ./.sequor/secrets.key} by default), readable by its owner only. A
 * throw-away database gets a throw-away key.
 */
final class EmbeddedSecretsKey {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSecretsKey.class);

  private EmbeddedSecretsKey() {}

  static String resolve(EmbeddedSettings settings) {
    Optional<Path> dataDir = settings.dataDirectory();
    if (dataDir.isEmpty()) {
      return SecretBox.newKey();
    }
    Path dir = dataDir.get().toAbsolutePath().normalize();
    Path file = (dir.getParent() == null ? dir : dir.getParent()).resolve("secrets.key");
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the secrets key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException madeByAnotherProcess) {
      return;
    }
    Files.writeString(
        file, SecretBox.newKey() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    log.warn(
        "embedded runtime: generated a secrets key in {}{}. It encrypts the mailbox passwords in"
            + " the store: keep it with the data directory, and give it as SEQUOR_SECRETS_KEY if"
            + " the store moves to another setup.",
        file,
        posix ? " (file mode 600)" : "");
  }
}
