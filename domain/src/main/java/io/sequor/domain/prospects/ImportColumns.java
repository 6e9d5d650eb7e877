package io.sequor.domain.prospects;

import io.sequor.domain.errors.FieldProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which prospect field each CSV column fills. Known headers map by name, compared without case,
 * spaces or punctuation ("E-mail", "First Name", "LinkedIn URL"); an explicit mapping names a
 * column and its target; every other column becomes a custom field named by its header in
 * lower_snake_case.
 */
public final class ImportColumns {

  /** The targets a column can map to, besides {@code fields.<name>} and {@link #IGNORE}. */
  public static final List<String> TARGETS =
      List.of(
          "email",
          "linkedinUrl",
          "firstName",
          "lastName",
          "company",
          "title",
          "timezone",
          "country",
          "openProfile",
          "segment",
          "checklist.icpMatch",
          "checklist.trigger",
          "checklist.hookAngle",
          "checklist.offer",
          "checklist.cta");

  /** The target that drops a column. */
  public static final String IGNORE = "ignore";

  private static final String FIELDS = "fields.";
  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

  /** Header names, squashed by {@link #squash}, that map to a standard field. */
  private static final Map<String, String> KNOWN = new HashMap<>();

  static {
    known("email", "email", "emailaddress", "workemail", "mail");
    known("linkedinUrl", "linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl");
    known("firstName", "firstname", "givenname");
    known("lastName", "lastname", "surname", "familyname");
    known("company", "company", "companyname", "organisation", "organization");
    known("title", "title", "jobtitle", "position");
    known("timezone", "timezone", "tz");
    known("country", "country", "countrycode");
    known("openProfile", "openprofile");
    known("segment", "segment");
    known("checklist.icpMatch", "icpmatch", "icp");
    known("checklist.trigger", "trigger", "intentsignal");
    known("checklist.hookAngle", "hookangle", "hook");
    known("checklist.offer", "offer");
    known("checklist.cta", "cta", "calltoaction");
  }

  private final List<String> headers;
  private final List<String> targets;

  private ImportColumns(List<String> headers, List<String> targets) {
    this.headers = headers;
    this.targets = targets;
  }

  /**
   * Maps a header row.
   *
   * @param mapping explicit targets by column name, as given in {@code map.<column>=<target>}
   * @param problems receives every problem, each naming the parameter or the column at fault
   * @return the mapping; meaningless when problems were added
   */
  public static ImportColumns of(
      List<String> header, Map<String, String> mapping, List<FieldProblem> problems) {
    Map<String, String> explicit = new HashMap<>();
    Map<String, String> explicitByColumn = new LinkedHashMap<>();
    mapping.forEach(
        (column, target) -> {
          String param = "map." + column;
          String t = target == null ? "" : target.strip();
          if (!TARGETS.contains(t) && !t.equals(IGNORE) && !isCustomField(t)) {
            problems.add(
                new FieldProblem(
                    param,
                    "'"
                        + target
                        + "' is not a prospect field; map to one of "
                        + String.join(", ", TARGETS)
                        + ", fields.<lower_snake_case name>, or ignore"));
          }
          explicit.put(squash(column), t);
          explicitByColumn.put(column, t);
        });
    List<String> squashedHeader = header.stream().map(ImportColumns::squash).toList();
    explicitByColumn.keySet().stream()
        .filter(column -> !squashedHeader.contains(squash(column)))
        .forEach(
            column ->
                problems.add(
                    new FieldProblem(
                        "map." + column,
                        "the file has no column '"
                            + column
                            + "'; its columns are "
                            + String.join(", ", header))));
    List<String> targets = new ArrayList<>();
    Map<String, String> columnOfTarget = new HashMap<>();
    for (String name : header) {
      String squashed = squash(name);
      String target = explicit.get(squashed);
      if (target == null) {
        target = KNOWN.get(squashed);
      }
      if (target == null && squashed.isEmpty()) {
        // A column without a name (often a trailing comma in the header) has nothing to fill.
        target = IGNORE;
      }
      if (target == null) {
        String field = snake(name);
        if (!FIELD.matcher(field).matches()) {
          problems.add(
              new FieldProblem(
                  "header",
                  "column '"
                      + name
                      + "' has no usable field name (a custom field name starts with a letter);"
                      + " map it with map."
                      + name
                      + "=fields.<name> or map."
                      + name
                      + "=ignore"));
          target = IGNORE;
        } else {
          target = FIELDS + field;
        }
      }
      if (!target.equals(IGNORE)) {
        String other = columnOfTarget.putIfAbsent(target, name);
        if (other != null) {
          problems.add(
              new FieldProblem(
                  "header",
                  "columns '"
                      + other
                      + "' and '"
                      + name
                      + "' both map to "
                      + target
                      + "; map one of them elsewhere, or to ignore"));
        }
      }
      targets.add(target);
    }
    if (!targets.contains("email") && !targets.contains("linkedinUrl")) {
      problems.add(
          new FieldProblem(
              "header",
              "no column maps to email or linkedinUrl, so no row could name a prospect; columns: "
                  + String.join(", ", header)));
    }
    return new ImportColumns(List.copyOf(header), List.copyOf(targets));
  }

  /** Each column's header and target, in file order. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      described.put(headers.get(i), targets.get(i));
    }
    return described;
  }

  public int size() {
    return headers.size();
  }

  public String target(int column) {
    return targets.get(column);
  }

  /** Lower-case letters and digits only: how headers and mapping names are compared. */
  static String squash(String name) {
    return NOT_ALNUM.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("");
  }

  /** A header as a custom field name: "Pain Point" becomes "pain_point". */
  static String snake(String name) {
    String s = NOT_ALNUM.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '_') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '_') {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isCustomField(String target) {
    return target.startsWith(FIELDS) && FIELD.matcher(target.substring(FIELDS.length())).matches();
  }

  private static void known(String target, String... names) {
    for (String name : names) {
      KNOWN.put(name, target);
    }
  }
}
