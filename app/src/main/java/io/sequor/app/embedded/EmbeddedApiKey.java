package io.sequor.app.embedded;

import io.sequor.domain.workspaces.ApiKeyStore;
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
 * The embedded runtime's bootstrap API key: made on first start and kept in {@code api-key} next to
 * the data directory ({@code ./.sequor/api-key} by default), readable by its owner only, so {@code
 * curl -H "Authorization: Bearer $(cat .sequor/api-key)"} works from the project directory. A
 * throw-away database gets a throw-away key. The log names the file, never the key.
 */
final class EmbeddedApiKey {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedApiKey.class);

  private EmbeddedApiKey() {}

  static String resolve(EmbeddedSettings settings) {
    Optional<Path> dataDir = settings.dataDirectory();
    if (dataDir.isEmpty()) {
      return ApiKeyStore.newSecret();
    }
    Path dir = dataDir.get().toAbsolutePath().normalize();
    Path file = (dir.getParent() == null ? dir : dir.getParent()).resolve("api-key");
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      log.info("embedded runtime: the default workspace's bootstrap API key is in {}", file);
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the API key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
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
        file, ApiKeyStore.newSecret() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
  }
}
