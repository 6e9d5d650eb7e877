package io.sequor.domain.templates;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;

/**
 * Copy templates with {@code {{placeholders}}} only. Sections, partials and inverted sections are
 * refused at save time, so what a template needs is exactly its set of placeholder names.
 */
public final class Templates {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false);

  /** Fills placeholders with HTML-escaped values. */
  private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escapers.HTML);

  private static final LinkExtractor LINKS =
      LinkExtractor.builder().linkTypes(EnumSet.of(LinkType.URL)).build();
  private static final Pattern BLANK_LINE = Pattern.compile("\n[ \t]*\n[ \t\n]*");

  private Templates() {}

  /** Why the template cannot be used, if it cannot. */
  public static Optional<String> problem(String template) {
    try {
      Scan scan = scan(template);
      return scan.problems.stream().findFirst();
    } catch (MustacheException e) {
      return Optional.of("template does not parse: " + e.getMessage());
    }
  }

  /** The placeholder names a template uses, in order of first use. */
  public static Set<String> placeholders(String template) {
    return scan(template).names;
  }

  /** Walks a template once, collecting its placeholder names and anything it may not use. */
  private static Scan scan(String template) {
    Scan scan = new Scan();
    PLAIN.compile(template).visit(scan);
    return scan;
  }

  private static final class Scan implements Mustache.Visitor {
    final Set<String> names = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();

    @Override
    public void visitText(String text) {
      if (text.contains("{{") || text.contains("}}")) {
        problems.add("template does not parse: unclosed or stray {{ or }}");
      }
    }

    @Override
    public void visitVariable(String name) {
      names.add(name);
      if (!NAME.matcher(name).matches()) {
        problems.add("placeholder {{" + name + "}} must be lower_snake_case, like {{first_name}}");
      }
    }

    @Override
    public boolean visitInclude(String name) {
      problems.add("partials ({{>" + name + "}}) are not supported");
      return false;
    }

    @Override
    public boolean visitSection(String name) {
      problems.add("sections ({{#" + name + "}}) are not supported: use placeholders");
      return false;
    }

    @Override
    public boolean visitInvertedSection(String name) {
      problems.add("sections ({{^" + name + "}}) are not supported: use placeholders");
      return false;
    }
  }

  /** Placeholders the values leave unfilled; a blank value counts as unfilled. */
  public static Set<String> missing(String template, Map<String, String> values) {
    Set<String> missing = new LinkedHashSet<>();
    for (String name : placeholders(template)) {
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
      }
    }
    return missing;
  }

  /**
   * Renders in strict mode: a placeholder without a value throws instead of rendering empty.
   *
   * @throws MissingValueException naming every unfilled placeholder
   */
  public static String render(String template, Map<String, String> values) {
    Set<String> missing = missing(template, values);
    if (!missing.isEmpty()) {
      throw new MissingValueException(missing);
    }
    return PLAIN.compile(template).execute(values);
  }

  /**
   * Renders a plain-text template as HTML: the template's own text and every value are HTML-escaped
   * (the values by JMustache's HTML escaper), blank lines separate paragraphs, other line breaks
   * become {@code <br>}, and an http(s) link written in the template's own text becomes a link. A
   * link that runs into a placeholder is left as text: part of it would come from the prospect's
   * data.
   *
   * @throws MissingValueException naming every unfilled placeholder
   */
  public static String renderHtml(String template, Map<String, String> values) {
    Set<String> missing = missing(template, values);
    if (!missing.isEmpty()) {
      throw new MissingValueException(missing);
    }
    return HTML.compile(htmlTemplate(template)).execute(values);
  }

  /**
   * The template rewritten as an HTML template: its text escaped and laid out, its placeholders
   * kept as {@code {{name}}} so the HTML compiler escapes what fills them, whatever form ({@code
   * {{{name}}}}, {@code {{&name}}}) the author wrote.
   */
  private static String htmlTemplate(String template) {
    List<Object> parts = new ArrayList<>();
    String text = template.replace("\r\n", "\n").replace('\r', '\n').strip();
    PLAIN
        .compile(text)
        .visit(
            new Mustache.Visitor() {
              @Override
              public void visitText(String literal) {
                parts.add(literal);
              }

              @Override
              public void visitVariable(String name) {
                parts.add(new Placeholder(name));
              }

              @Override
              public boolean visitInclude(String name) {
                return false;
              }

              @Override
              public boolean visitSection(String name) {
                return false;
              }

              @Override
              public boolean visitInvertedSection(String name) {
                return false;
              }
            });
    StringBuilder html = new StringBuilder("<p>");
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof Placeholder placeholder) {
        html.append("{{").append(placeholder.name()).append("}}");
      } else {
        boolean placeholderFollows =
            i + 1 < parts.size() && parts.get(i + 1) instanceof Placeholder;
        html.append(htmlText((String) parts.get(i), placeholderFollows));
      }
    }
    return html.append("</p>").toString();
  }

  private record Placeholder(String name) {}

  private static String htmlText(String text, boolean placeholderFollows) {
    StringBuilder html = new StringBuilder();
    int done = 0;
    for (LinkSpan link : LINKS.extractLinks(text)) {
      String url = text.substring(link.getBeginIndex(), link.getEndIndex());
      String scheme = url.toLowerCase(Locale.ROOT);
      boolean web = scheme.startsWith("http://") || scheme.startsWith("https://");
      boolean whole = !(placeholderFollows && link.getEndIndex() == text.length());
      if (!web || !whole) {
        continue;
      }
      html.append(layout(text.substring(done, link.getBeginIndex())));
      String escaped = Escapers.HTML.escape(url);
      html.append("<a href=\"").append(escaped).append("\">").append(escaped).append("</a>");
      done = link.getEndIndex();
    }
    return html.append(layout(text.substring(done))).toString();
  }

  /** Escapes literal text and turns blank lines into paragraphs and line breaks into breaks. */
  private static String layout(String text) {
    List<String> paragraphs = new ArrayList<>();
    for (String paragraph : BLANK_LINE.split(text, -1)) {
      paragraphs.add(Escapers.HTML.escape(paragraph).replace("\n", "<br>\n"));
    }
    return String.join("</p>\n<p>", paragraphs);
  }

  /** A send would have a hole in it. */
  public static final class MissingValueException extends RuntimeException {
    private final Set<String> names;

    public MissingValueException(Set<String> names) {
      super("no value for placeholder(s) " + names);
      this.names = Set.copyOf(names);
    }

    public Set<String> names() {
      return names;
    }
  }
}
