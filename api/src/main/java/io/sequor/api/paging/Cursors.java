package io.sequor.api.paging;

import io.sequor.domain.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: the position a page ended at, base64url-encoded so clients treat it as a
 * token and never build one.
 */
public final class Cursors {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private Cursors() {}

  public static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws InvalidInputException naming {@code cursor} when it is not one this API gave out
   */
  public static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  public static InvalidInputException invalid() {
    return new InvalidInputException(
        "cursor", "is not a cursor this API gave out; pass nextCursor from the previous page");
  }

  /** The page size asked for, checked; the default when absent. */
  public static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /** A keyset position: a time and an id, as "instant|uuid". */
  public static String position(java.time.Instant at, java.util.UUID id) {
    return encode(at + "|" + id);
  }

  /** The time and id of a cursor {@link #position} made. */
  public record Position(java.time.Instant at, java.util.UUID id) {}

  /**
   * @throws InvalidInputException naming {@code cursor} when it is not one this API gave out
   */
  public static Position parsePosition(String cursor) {
    String decoded = decode(cursor);
    int bar = decoded.indexOf('|');
    try {
      return new Position(
          java.time.Instant.parse(decoded.substring(0, bar)),
          java.util.UUID.fromString(decoded.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }
}
