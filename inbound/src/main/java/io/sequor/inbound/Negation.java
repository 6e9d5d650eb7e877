package io.sequor.inbound;

import java.util.List;

/** Whether a phrase is negated: "please don't remove me", "not happy to chat". */
final class Negation {

  private Negation() {}

  /**
   * True if a negation of the phrase's language ({@code [negation]}) is among the three words just
   * before it, in the same clause.
   */
  static boolean cancels(PhraseBook book, String folded, PhraseBook.Hit hit) {
    String before = folded.substring(Math.max(0, hit.start() - 40), hit.start());
    String[] clause = before.substring(lastClauseBreak(before) + 1).strip().split("\\s+");
    String words =
        String.join(" ", List.of(clause).subList(Math.max(0, clause.length - 3), clause.length));
    return book.find("negation", words).stream()
        .anyMatch(negation -> negation.language().equals(hit.language()));
  }

  private static int lastClauseBreak(String text) {
    for (int i = text.length() - 1; i >= 0; i--) {
      if (",.;:!?\n".indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
