package io.sequor.inbound;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text so that phrases match however they were typed: lower case, no accents, one kind of
 * apostrophe and space, hyphens between letters read as spaces ("out-of-office", "désabonnez-moi").
 * Line breaks are kept: quotes and sentences are found by line.
 */
final class Fold {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u201B`\u00B4\u02BC]");
  private static final Pattern SPACES = Pattern.compile("[ \t\u00A0\u2007\u202F\u200B\f]+");
  private static final Pattern HYPHENS = Pattern.compile("(?<=\\p{L})[-\u2010\u2011](?=\\p{L})");

  private Fold() {}

  static String fold(String text) {
    return fold(text, true);
  }

  /**
   * As {@link #fold} but keeping capitals, so that a name can be told from a word. Where lower
   * casing keeps the length (all the Latin scripts we read), a character of the one is at the same
   * index as in the other.
   */
  static String foldKeepingCase(String text) {
    return fold(text, false);
  }

  private static String fold(String text, boolean lowerCase) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    if (lowerCase) {
      s = s.toLowerCase(Locale.ROOT);
    } else {
      s =
          s.replace("\u1E9E", "SS")
              .replace("\u00C6", "AE")
              .replace("\u0152", "OE")
              .replace("\u00D8", "O");
    }
    s =
        s.replace("\u00DF", "ss")
            .replace("\u00E6", "ae")
            .replace("\u0153", "oe")
            .replace("\u00F8", "o")
            .replace("\r\n", "\n")
            .replace('\r', '\n');
    s = APOSTROPHES.matcher(s).replaceAll("'");
    s = HYPHENS.matcher(s).replaceAll(" ");
    return SPACES.matcher(s).replaceAll(" ");
  }

  /** Words in folded text: runs of letters, digits and apostrophes. */
  static int wordCount(String folded) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      boolean part = Character.isLetterOrDigit(c) || c == '\'';
      if (part && !inWord) {
        count++;
      }
      inWord = part;
    }
    return count;
  }
}
