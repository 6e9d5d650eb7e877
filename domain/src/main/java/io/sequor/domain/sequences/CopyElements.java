package io.sequor.domain.sequences;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message split into the elements an experiment may vary, so two versions of a step can be
 * compared element by element ("change one thing at a time").
 *
 * <ul>
 *   <li>subject: the subject line
 *   <li>opening: the body's first paragraph (paragraphs are separated by blank lines)
 *   <li>cta: among the later paragraphs, the last that asks something (contains '?'), else the last
 *       paragraph; a one-paragraph body has an opening and no separate cta
 *   <li>artifact: the set of links (http:// or https://) anywhere in the body
 *   <li>body: every other paragraph
 * </ul>
 *
 * Links are compared only as the artifact: the paragraphs are compared with their links taken out,
 * so swapping the linked asset changes the artifact and nothing else. Whitespace inside a paragraph
 * does not count as a difference.
 *
 * @param connectionNote the note an InMail sends as a connection request when it has no credit
 */
record CopyElements(
    String subject,
    String opening,
    String cta,
    Set<String> artifact,
    List<String> rest,
    String connectionNote) {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')\\]]+");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");

  static CopyElements of(StepDefinition step) {
    String body = step.body() == null ? "" : step.body();
    Set<String> links = new TreeSet<>();
    Matcher m = LINK.matcher(body);
    while (m.find()) {
      links.add(trimPunctuation(m.group()));
    }
    List<String> paragraphs =
        Arrays.stream(PARAGRAPH_BREAK.split(body.strip()))
            .map(p -> normalise(LINK.matcher(p).replaceAll("")))
            .filter(p -> !p.isEmpty())
            .toList();
    String opening = paragraphs.isEmpty() ? "" : paragraphs.get(0);
    int cta = -1;
    for (int i = paragraphs.size() - 1; i >= 1 && cta < 0; i--) {
      if (paragraphs.get(i).indexOf('?') >= 0) {
        cta = i;
      }
    }
    if (cta < 0 && paragraphs.size() > 1) {
      cta = paragraphs.size() - 1;
    }
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < paragraphs.size(); i++) {
      if (i != cta) {
        rest.add(paragraphs.get(i));
      }
    }
    return new CopyElements(
        step.subject() == null ? "" : normalise(step.subject()),
        opening,
        cta < 0 ? "" : paragraphs.get(cta),
        links,
        rest,
        step.connectionNote() == null ? "" : normalise(step.connectionNote()));
  }

  /**
   * The names of the elements in which {@code other} differs from this, in the order subject,
   * opening, body, cta, artifact, connection note.
   */
  List<String> differences(CopyElements other) {
    List<String> names = new ArrayList<>();
    if (!subject.equals(other.subject)) {
      names.add("subject");
    }
    if (!opening.equals(other.opening)) {
      names.add("opening");
    }
    if (!rest.equals(other.rest)) {
      names.add("body");
    }
    if (!cta.equals(other.cta)) {
      names.add("cta");
    }
    if (!Objects.equals(artifact, other.artifact)) {
      names.add("artifact");
    }
    if (!connectionNote.equals(other.connectionNote)) {
      names.add("connection note");
    }
    return names;
  }

  private static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** A link at the end of a sentence keeps the sentence's full stop or comma out of it. */
  private static String trimPunctuation(String link) {
    int end = link.length();
    while (end > 0 && ".,;:!?".indexOf(link.charAt(end - 1)) >= 0) {
      end--;
    }
    return link.substring(0, end);
  }
}
