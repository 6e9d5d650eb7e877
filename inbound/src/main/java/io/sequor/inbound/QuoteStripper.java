package io.sequor.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps only what the sender wrote: drops lines quoted with "&gt;", cuts at an attribution line
 * ("On … wrote:", "Le … a écrit :", "Am … schrieb …"), an original-message separator or an Outlook
 * header block (From:/Sent:), and at the "-- " signature line.
 */
final class QuoteStripper {

  private static final int HEADER_BLOCK_SPAN = 4;

  private final List<Pattern> attributions;
  private final List<Pattern> wrappedAttributions;
  private final List<Pattern> separators;
  private final List<String> fromLabels;
  private final List<String> sentLabels;

  QuoteStripper(PhraseBook book) {
    this.attributions = book.patterns("quote-header");
    this.wrappedAttributions = book.patterns("quote-header-wrapped");
    this.separators = book.patterns("quote-separator");
    this.fromLabels = book.phrases("reply-header-from").stream().map(p -> p.text()).toList();
    this.sentLabels = book.phrases("reply-header-sent").stream().map(p -> p.text()).toList();
  }

  String strip(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    String[] folded = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      folded[i] = Fold.fold(lines[i]).strip();
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = folded[i];
      if (lines[i].equals("-- ") || lines[i].equals("--")) {
        break;
      }
      if (line.startsWith(">")) {
        continue;
      }
      if (matchesAny(separators, line) || headerBlockAt(folded, i)) {
        break;
      }
      int span = attributionSpan(folded, i);
      if (span > 0) {
        int next = i + span;
        while (next < folded.length && folded[next].isEmpty()) {
          next++;
        }
        if (next < folded.length && folded[next].startsWith(">")) {
          i += span - 1;
          continue;
        }
        break;
      }
      kept.add(lines[i]);
    }
    return String.join("\n", kept).strip();
  }

  /** How many lines an attribution takes here (clients wrap long ones onto a second line). */
  private int attributionSpan(String[] folded, int i) {
    if (matchesAny(attributions, folded[i])) {
      return 1;
    }
    if (i + 1 < folded.length
        && !folded[i].isEmpty()
        && matchesAny(wrappedAttributions, folded[i] + " " + folded[i + 1])) {
      return 2;
    }
    return 0;
  }

  private boolean headerBlockAt(String[] folded, int i) {
    if (!startsWithLabel(folded[i], fromLabels)) {
      return false;
    }
    for (int j = i + 1; j < Math.min(folded.length, i + 1 + HEADER_BLOCK_SPAN); j++) {
      if (startsWithLabel(folded[j], sentLabels)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithLabel(String line, List<String> labels) {
    String bare = line.startsWith("*") ? line.substring(1) : line;
    for (String label : labels) {
      if (bare.startsWith(label)) {
        String rest = bare.substring(label.length()).replace("*", "").stripLeading();
        if (rest.startsWith(":")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAny(List<Pattern> patterns, String line) {
    for (Pattern p : patterns) {
      if (p.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }
}
