package io.sequor.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrase lists, one file per language under {@code io/sequor/inbound/phrases/}. A file has
 * {@code [section]} headings; each line below one is a phrase, matched on whole words in folded
 * text ({@link Fold}), where {@code *} stands for up to three words. Lines of the {@code quote-*}
 * sections are regular expressions over one folded line; lines of the alias and relative-day
 * sections are {@code key = value} pairs.
 */
final class PhraseBook {

  static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "nl", "pt", "it");

  private static final Set<String> REGEX_SECTIONS =
      Set.of("quote-header", "quote-header-wrapped", "quote-separator");
  private static final Set<String> PAIR_SECTIONS =
      Set.of("relative-day", "month-alias", "weekday-alias");
  private static final String EDGE_AFTER = "(?![\\p{L}\\p{N}])";

  private static final PhraseBook STANDARD = load();

  record Phrase(String language, String text, Pattern pattern) {}

  /** One phrase found in a folded text. */
  record Hit(String language, String phrase, int start, int end) {}

  private final Map<String, List<Phrase>> phrases = new LinkedHashMap<>();
  private final Map<String, List<Pattern>> regexes = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> pairs = new LinkedHashMap<>();

  private PhraseBook() {}

  static PhraseBook standard() {
    return STANDARD;
  }

  /**
   * Every hit of the section's phrases, earliest first, the longer first where two start together.
   */
  List<Hit> find(String section, String folded) {
    List<Hit> hits = new ArrayList<>();
    for (Phrase phrase : phrases.getOrDefault(section, List.of())) {
      Matcher m = phrase.pattern().matcher(folded);
      int from = 0;
      while (from <= folded.length() && m.find(from)) {
        if (startsWord(folded, m.start())) {
          hits.add(new Hit(phrase.language(), phrase.text(), m.start(), m.end()));
        }
        from = m.start() + 1;
      }
    }
    hits.sort(Comparator.comparingInt(Hit::start).thenComparing(h -> -(h.end() - h.start())));
    return hits;
  }

  Optional<Hit> first(String section, String folded) {
    List<Hit> hits = find(section, folded);
    return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
  }

  List<Pattern> patterns(String section) {
    return regexes.getOrDefault(section, List.of());
  }

  Map<String, String> pairs(String section) {
    return pairs.getOrDefault(section, Map.of());
  }

  /** The section's phrases as typed in the file (folded), for matching whole strings. */
  List<Phrase> phrases(String section) {
    return phrases.getOrDefault(section, List.of());
  }

  private static PhraseBook load() {
    PhraseBook book = new PhraseBook();
    for (String language : LANGUAGES) {
      String resource = "phrases/" + language + ".txt";
      try (InputStream in = PhraseBook.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing phrase list " + resource);
        }
        book.read(language, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read phrase list " + resource, e);
      }
    }
    return book;
  }

  private void read(String language, BufferedReader reader) throws IOException {
    String section = null;
    String line;
    while ((line = reader.readLine()) != null) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      if (entry.startsWith("[") && entry.endsWith("]")) {
        section = entry.substring(1, entry.length() - 1).strip();
        continue;
      }
      if (section == null) {
        throw new IllegalStateException(language + ": phrase before any [section]: " + entry);
      }
      if (REGEX_SECTIONS.contains(section)) {
        regexes.computeIfAbsent(section, s -> new ArrayList<>()).add(Pattern.compile(entry));
      } else if (PAIR_SECTIONS.contains(section)) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
          throw new IllegalStateException(language + ": expected key = value: " + entry);
        }
        pairs
            .computeIfAbsent(section, s -> new LinkedHashMap<>())
            .putIfAbsent(
                Fold.fold(entry.substring(0, eq)).strip(), entry.substring(eq + 1).strip());
      } else {
        String text = Fold.fold(entry).strip();
        phrases
            .computeIfAbsent(section, s -> new ArrayList<>())
            .add(new Phrase(language, text, compile(text)));
      }
    }
  }

  /**
   * True if a match at {@code start} begins a word. Checked here rather than by a lookbehind in the
   * pattern, so that each pattern starts with its literal first word and the JDK can search for it
   * with Boyer-Moore.
   */
  static boolean startsWord(String text, int start) {
    return start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
  }

  /** A phrase's pattern; it matches whole words only when {@link #startsWord} holds too. */
  static Pattern compile(String foldedPhrase) {
    StringBuilder regex = new StringBuilder();
    boolean first = true;
    boolean wildcard = false;
    for (String token : foldedPhrase.split("\\s+")) {
      if (token.equals("*")) {
        wildcard = true;
        continue;
      }
      if (!first) {
        regex.append(wildcard ? "\\s+(?:\\S+\\s+){0,3}?" : "\\s+");
      }
      regex.append(Pattern.quote(token));
      first = false;
      wildcard = false;
    }
    return Pattern.compile(regex.append(EDGE_AFTER).toString());
  }
}
