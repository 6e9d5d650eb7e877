package io.sequor.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded runtime's unsubscribe-link secret when none is configured: kept in a file beside the
 * data directory ({@code .sequor/unsubscribe-secret}, readable by its owner only) so links in
 * emails already sent keep working after a restart; or, with a throw-away database, made for this
 * run only. The log says which, and never shows the secret.
 */
final class UnsubscribeSecret {

  private static final Logger log = LoggerFactory.getLogger(UnsubscribeSecret.class);

  private UnsubscribeSecret() {}

  static String load(EmbeddedSettings settings) {
    Optional<Path> dataDir = settings.dataDirectory();
    if (dataDir.isEmpty()) {
      log.info(
          "embedded runtime: SEQUOR_UNSUBSCRIBE_SECRET is not set; unsubscribe links are signed"
              + " with a secret made for this run only");
      return generate();
    }
    Path file = dataDir.get().toAbsolutePath().resolveSibling("unsubscribe-secret");
    try {
      if (!Files.exists(file)) {
        write(file, generate());
        log.info(
            "embedded runtime: SEQUOR_UNSUBSCRIBE_SECRET is not set; generated an unsubscribe-link"
                + " secret in {}",
            file);
      } else {
        log.info(
            "embedded runtime: SEQUOR_UNSUBSCRIBE_SECRET is not set; unsubscribe links are signed"
                + " with the secret in {}",
            file);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the unsubscribe secret in " + file, e);
    }
  }

  private static void write(Path file, String secret) throws IOException {
    Files.createDirectories(file.getParent());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
  }

  private static String generate() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
