package io.sequor.domain.templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Copy templates with {@code {{placeholders}}} only. Sections, partials and inverted sections are
 * refused at save time, so what a template needs is exactly its set of placeholder names.
 */
public final class Templates {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false);

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
