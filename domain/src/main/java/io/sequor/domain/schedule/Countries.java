package io.sequor.domain.schedule;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as the JDK knows them. */
public final class Countries {

  private static final Set<String> CODES = Set.of(Locale.getISOCountries());

  private Countries() {}

  /** Whether the code, in upper case, is an ISO 3166-1 alpha-2 country code. */
  public static boolean known(String code) {
    return code != null && CODES.contains(code.strip().toUpperCase(Locale.ROOT));
  }

  /** The code upper-cased and stripped; null stays null, blank becomes null. */
  public static String normalise(String code) {
    return code == null || code.isBlank() ? null : code.strip().toUpperCase(Locale.ROOT);
  }
}
