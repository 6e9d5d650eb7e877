package io.sequor.api.prospects;

import io.sequor.domain.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: the position a page ended at, base64url-encoded so clients treat it as a
 * token and never build one.
 */
final class Cursors {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private Cursors() {}

  static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws InvalidInputException naming {@code cursor} when it is not one this API gave out
   */
  static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  static InvalidInputException invalid() {
    return new InvalidInputException(
        "cursor", "is not a cursor this API gave out; pass nextCursor from the previous page");
  }

  /** The page size asked for, checked; the default when absent. */
  static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }
}
