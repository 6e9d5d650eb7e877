package io.sequor.inbound;

import static io.sequor.inbound.ReplySignal.AGREES_TO_CALL;
import static io.sequor.inbound.ReplySignal.ASKS_FOR_ASSET;
import static io.sequor.inbound.ReplySignal.INTERESTED_LATER;
import static io.sequor.inbound.ReplySignal.NONE;
import static io.sequor.inbound.ReplySignal.NOT_INTERESTED;
import static io.sequor.inbound.ReplySignal.QUESTION;
import static io.sequor.inbound.ReplySignal.ROUTES_TO_OWNER;
import static io.sequor.inbound.ReplySignal.STOP;
import static io.sequor.inbound.ReplySignal.WRONG_PERSON;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what a human reply does ({@link ReplySignal}) and how it counts for a workspace ({@link
 * ReplyClass}). The rules, in order:
 *
 * <ol>
 *   <li>keep what the sender wrote: the quoted original goes ({@link QuoteStripper}), and so does
 *       the signature, from a sign-off line ("Best,", "Cordialement", "Viele Grüße") on;
 *   <li>find the phrases of every signal, in all seven languages, in the folded text ({@link
 *       Fold});
 *   <li>drop a phrase inside a longer phrase of another signal ("interested" inside "not
 *       interested", "talk to" inside "let me talk to"), then a phrase with a negation just before
 *       it in the same clause ("not happy to chat");
 *   <li>a routing phrase counts only with someone named next to it (a capitalised name, an address
 *       or an owner word: "talk to Jane", "I've cc'd our CTO"); "I'm not the right person" with an
 *       address in the same paragraph routes too;
 *   <li>"no thanks, but send the deck": a refusal followed by a contrast ("but", "mais", "aber", …)
 *       and then a signal that is not a refusal gives way to that signal;
 *   <li>of what is left, the first signal in {@link #PRECEDENCE} wins; with nothing left, a
 *       question mark makes a {@link ReplySignal#QUESTION}, else {@link ReplySignal#NONE}.
 * </ol>
 *
 * <p>Phrases are data: the {@code reply-*} sections of {@code io/sequor/inbound/phrases/<language>
 * .txt}. See docs/reply-classification.md. Instances are immutable and safe to share.
 */
public final class ReplyClassifier {

  /** What counts as positive when a workspace has not said. */
  public static final Set<ReplySignal> DEFAULT_POSITIVE =
      Collections.unmodifiableSet(EnumSet.of(AGREES_TO_CALL, ASKS_FOR_ASSET, ROUTES_TO_OWNER));

  /** The signals a workspace may count as positive. */
  static final Set<ReplySignal> POSITIVE_CANDIDATES = DEFAULT_POSITIVE;

  /** When several signals are found, the earliest in this list wins. */
  static final List<ReplySignal> PRECEDENCE =
      List.of(
          STOP,
          NOT_INTERESTED,
          ROUTES_TO_OWNER,
          AGREES_TO_CALL,
          ASKS_FOR_ASSET,
          INTERESTED_LATER,
          WRONG_PERSON,
          QUESTION);

  /** Signals a refusal gives way to when they follow a contrast ("no thanks, but …"). */
  private static final Set<ReplySignal> AFTER_CONTRAST =
      EnumSet.of(ROUTES_TO_OWNER, AGREES_TO_CALL, ASKS_FOR_ASSET, INTERESTED_LATER);

  /** Routing phrases that name the owner before them: "Jane handles this". */
  private static final String NAMED_BEFORE = "reply-routes-to-owner-before";

  private static final int MAX_TEXT = 100_000;
  private static final int MAX_FRESH_TEXT = 20_000;

  /** A bare yes ("Sure", "Ja, gerne") counts only in a reply this short. */
  private static final int AGREE_WORD_MAX_WORDS = 3;

  /** How many words next to a routing phrase may name the owner. */
  private static final int TARGET_WORDS = 6;

  /** A weak sign-off ("Thanks,") starts the signature when a name of this many words follows. */
  private static final int NAME_MAX_WORDS = 3;

  private static final Pattern ADDRESS =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  private static final Pattern TOKEN = Pattern.compile("\\S+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s,.;:!\\-]+$");

  private static final ReplyClassifier STANDARD = new ReplyClassifier(PhraseBook.standard());

  /** A phrase found, with the section it is from. */
  private record Found(ReplySignal signal, String section, PhraseBook.Hit hit) {
    boolean inside(Found other) {
      return other.signal != signal
          && other.hit.start() <= hit.start()
          && hit.end() <= other.hit.end()
          && other.hit.end() - other.hit.start() > hit.end() - hit.start();
    }
  }

  private final PhraseBook book;
  private final QuoteStripper quotes;
  private final Set<String> addressees;
  private final Set<String> notNames;
  private final Set<String> signOffs;
  private final Set<String> weakSignOffs;

  private ReplyClassifier(PhraseBook book) {
    this.book = book;
    this.quotes = new QuoteStripper(book);
    this.addressees = texts(book, "reply-addressee");
    this.notNames = texts(book, "reply-not-a-name");
    this.signOffs = texts(book, "reply-sign-off");
    this.weakSignOffs = texts(book, "reply-sign-off-weak");
  }

  private static Set<String> texts(PhraseBook book, String section) {
    return book.phrases(section).stream()
        .map(PhraseBook.Phrase::text)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The classifier over the bundled phrase lists. */
  public static ReplyClassifier standard() {
    return STANDARD;
  }

  /**
   * @param text the reply body as stored (plain text, may include the quoted original)
   * @param positiveSignals the signals the workspace counts as positive: any of {@link
   *     #DEFAULT_POSITIVE}, possibly none
   * @throws IllegalArgumentException if {@code positiveSignals} is null or holds another signal
   */
  public ReplyVerdict classify(String text, Set<ReplySignal> positiveSignals) {
    Set<ReplySignal> positive = checkPositiveSignals(positiveSignals);
    String fresh = text == null ? "" : fresh(text);
    String folded = Fold.fold(fresh);
    String cased = Fold.foldKeepingCase(fresh);
    Found found = decide(folded, cased.length() == folded.length() ? cased : null);
    if (found == null) {
      if (folded.indexOf('?') >= 0) {
        return new ReplyVerdict(QUESTION, classOf(QUESTION, positive), "?", null);
      }
      return new ReplyVerdict(NONE, classOf(NONE, positive), null, null);
    }
    return new ReplyVerdict(
        found.signal(),
        classOf(found.signal(), positive),
        found.hit().phrase(),
        found.hit().language());
  }

  /**
   * The signals a workspace may count as positive, checked: for the API that stores them as much as
   * for {@link #classify}.
   *
   * @return a copy of {@code signals}
   * @throws IllegalArgumentException naming the first signal that may not count as positive
   */
  public static Set<ReplySignal> checkPositiveSignals(Collection<ReplySignal> signals) {
    if (signals == null) {
      throw new IllegalArgumentException("positive signals are required (may be empty)");
    }
    Set<ReplySignal> checked = EnumSet.noneOf(ReplySignal.class);
    for (ReplySignal signal : signals) {
      if (signal == null || !POSITIVE_CANDIDATES.contains(signal)) {
        throw new IllegalArgumentException(
            signal
                + " cannot count as a positive reply; only AGREES_TO_CALL, ASKS_FOR_ASSET and"
                + " ROUTES_TO_OWNER can");
      }
      checked.add(signal);
    }
    return checked;
  }

  public static ReplyClass classOf(ReplySignal signal, Set<ReplySignal> positive) {
    if (positive.contains(signal)) {
      return ReplyClass.POSITIVE;
    }
    return switch (signal) {
      case ROUTES_TO_OWNER -> ReplyClass.REFERRAL;
      case NOT_INTERESTED, STOP, WRONG_PERSON -> ReplyClass.NEGATIVE;
      case AGREES_TO_CALL, ASKS_FOR_ASSET, INTERESTED_LATER, QUESTION, NONE -> ReplyClass.NEUTRAL;
    };
  }

  /**
   * The deciding phrase, or null when no phrase survives the rules.
   *
   * @param cased the same text folded but with its capitals, or null when its indexes differ
   */
  private Found decide(String folded, String cased) {
    if (folded.isBlank()) {
      return null;
    }
    List<Found> found = new ArrayList<>();
    for (ReplySignal signal : PRECEDENCE) {
      find(found, signal, section(signal), folded);
    }
    find(found, STOP, "unsubscribe", folded);
    if (Fold.wordCount(folded) <= InboundClassifier.BARE_WORD_MAX_WORDS) {
      find(found, STOP, "unsubscribe-word", folded);
    }
    find(found, ROUTES_TO_OWNER, NAMED_BEFORE, folded);
    if (Fold.wordCount(folded) <= AGREE_WORD_MAX_WORDS) {
      find(found, AGREES_TO_CALL, "reply-agrees-word", folded);
    }

    List<Found> all = List.copyOf(found);
    found.removeIf(f -> all.stream().anyMatch(f::inside));
    found.removeIf(f -> Negation.cancels(book, folded, f.hit()));
    found.removeIf(f -> f.signal() == ROUTES_TO_OWNER && !namesSomeone(folded, cased, f));
    for (Found f : List.copyOf(found)) {
      if (f.signal() == WRONG_PERSON && addressInParagraph(folded, f.hit())) {
        found.add(new Found(ROUTES_TO_OWNER, f.section(), f.hit()));
      }
    }
    yieldRefusalsToContrast(folded, found);

    for (ReplySignal signal : PRECEDENCE) {
      Found first = null;
      for (Found f : found) {
        if (f.signal() == signal && (first == null || f.hit().start() < first.hit().start())) {
          first = f;
        }
      }
      if (first != null) {
        return first;
      }
    }
    return null;
  }

  private void find(List<Found> found, ReplySignal signal, String section, String folded) {
    for (PhraseBook.Hit hit : book.find(section, folded)) {
      found.add(new Found(signal, section, hit));
    }
  }

  private static String section(ReplySignal signal) {
    return "reply-" + signal.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** What the sender wrote: without the quoted original and without the signature. */
  private String fresh(String text) {
    String stripped = quotes.strip(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    String fresh = withoutSignature(stripped);
    return fresh.length() > MAX_FRESH_TEXT ? fresh.substring(0, MAX_FRESH_TEXT) : fresh;
  }

  /**
   * Cuts at a sign-off line, when something was written above it: at a strong one ("Best,",
   * "Cordialement") always, at a weak one ("Thanks,") when what follows starts with a name.
   */
  private String withoutSignature(String text) {
    String[] lines = text.split("\n", -1);
    boolean written = false;
    for (int i = 0; i < lines.length; i++) {
      String line = TRAILING_PUNCTUATION.matcher(Fold.fold(lines[i]).strip()).replaceAll("");
      if (line.isEmpty()) {
        continue;
      }
      if (written
          && (signOffs.contains(line)
              || (weakSignOffs.contains(line) && nameFollows(lines, i + 1)))) {
        return String.join("\n", List.of(lines).subList(0, i)).strip();
      }
      written = true;
    }
    return text;
  }

  private static boolean nameFollows(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      String line = Fold.fold(lines[i]).strip();
      if (!line.isEmpty()) {
        return Fold.wordCount(line) <= NAME_MAX_WORDS && line.indexOf('?') < 0;
      }
    }
    return true;
  }

  /**
   * A routing phrase names someone when, in its sentence, an address, an owner word ("my
   * colleague", "our CTO") or a capitalised word that is not a pronoun or greeting stands within
   * six words after it ("talk to Jane") or, for the {@code reply-routes-to-owner-before} phrases,
   * before it ("Jane handles this"). Right after the phrase, "you" or "me" routes nowhere ("happy
   * to talk to you on Monday").
   */
  private boolean namesSomeone(String folded, String cased, Found routing) {
    PhraseBook.Hit hit = routing.hit();
    boolean before = routing.section().equals(NAMED_BEFORE);
    int start;
    int end;
    if (before) {
      start = sentenceStart(folded, hit.start());
      end = hit.start();
    } else {
      start = hit.end();
      end = sentenceEnd(folded, hit.end());
    }
    List<int[]> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(folded).region(start, end);
    while (m.find()) {
      tokens.add(new int[] {m.start(), m.end()});
    }
    if (tokens.isEmpty()) {
      return false;
    }
    List<int[]> window =
        before
            ? tokens.subList(Math.max(0, tokens.size() - TARGET_WORDS), tokens.size())
            : tokens.subList(0, Math.min(TARGET_WORDS, tokens.size()));
    if (!before && addressees.contains(bare(folded, window.get(0)))) {
      return false;
    }
    String windowText = folded.substring(window.get(0)[0], window.get(window.size() - 1)[1]);
    if (ADDRESS.matcher(windowText).find() || !book.find("reply-owner-cue", windowText).isEmpty()) {
      return true;
    }
    if (cased == null) {
      return false;
    }
    for (int[] token : window) {
      for (int i = token[0]; i < token[1]; i++) {
        if (Character.isLetter(cased.charAt(i))) {
          if (Character.isUpperCase(cased.charAt(i)) && !notNames.contains(bare(folded, token))) {
            return true;
          }
          break;
        }
      }
    }
    return false;
  }

  /** A token without the punctuation around it. */
  private static String bare(String folded, int[] token) {
    String t = folded.substring(token[0], token[1]);
    int a = 0;
    int b = t.length();
    while (a < b && !Character.isLetterOrDigit(t.charAt(a))) {
      a++;
    }
    while (b > a && !Character.isLetterOrDigit(t.charAt(b - 1))) {
      b--;
    }
    return t.substring(a, b);
  }

  /** A sentence ends at a line break or at ". ", "! ", "? ", "; " (so not inside an address). */
  private static int sentenceEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return i;
      }
      if (".!?;".indexOf(c) >= 0
          && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
        return i;
      }
    }
    return text.length();
  }

  private static int sentenceStart(String text, int to) {
    for (int i = to - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n') {
        return i + 1;
      }
      if (".!?;".indexOf(c) >= 0
          && i + 1 < text.length()
          && Character.isWhitespace(text.charAt(i + 1))) {
        return i + 1;
      }
    }
    return 0;
  }

  /** An address in the paragraph of the hit: "I'm not the right person. Jane (jane@…) is." */
  private static boolean addressInParagraph(String folded, PhraseBook.Hit hit) {
    int start = folded.lastIndexOf("\n\n", hit.start());
    int end = folded.indexOf("\n\n", hit.end());
    String paragraph = folded.substring(start < 0 ? 0 : start, end < 0 ? folded.length() : end);
    return ADDRESS.matcher(paragraph).find();
  }

  /**
   * "No thanks, but send the deck": a refusal that a contrast word follows gives way when a signal
   * other than a refusal comes after that word. A request to stop never gives way.
   */
  private void yieldRefusalsToContrast(String folded, List<Found> found) {
    for (PhraseBook.Hit contrast : book.find("reply-contrast", folded)) {
      boolean refusalBefore =
          found.stream()
              .anyMatch(f -> f.signal() == NOT_INTERESTED && f.hit().end() <= contrast.start());
      boolean wantAfter =
          found.stream()
              .anyMatch(
                  f -> AFTER_CONTRAST.contains(f.signal()) && f.hit().start() >= contrast.end());
      if (refusalBefore && wantAfter) {
        found.removeIf(f -> f.signal() == NOT_INTERESTED && f.hit().end() <= contrast.start());
      }
    }
  }
}
