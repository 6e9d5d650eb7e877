package io.sequor.domain.prospects;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A prospect. {@link #fields} holds custom values usable as placeholders, such as trigger.
 *
 * @param segment the segment the prospect belongs to, if any
 * @param checklist the prospect's own pre-send checklist entries
 * @param segmentChecklist the checklist of the prospect's segment; empty when it has none
 * @param country ISO 3166-1 alpha-2 code, upper case; null when not known
 */
public record Prospect(
    UUID id,
    String email,
    String linkedinUrl,
    String firstName,
    String lastName,
    String company,
    String title,
    String timezone,
    boolean openProfile,
    boolean emailUndeliverable,
    Map<String, String> fields,
    String segment,
    Checklist checklist,
    Checklist segmentChecklist,
    String country) {

  /**
   * The checklist that applies: each entry is the prospect's own, else a custom field of the
   * entry's placeholder name (so {@code fields.trigger} counts as the prospect's trigger), else the
   * segment's.
   */
  public Checklist effectiveChecklist() {
    return checklist.over(Checklist.fromPlaceholders(fields)).over(segmentChecklist);
  }

  /** The trigger that applies, or null when neither the prospect nor its segment names one. */
  public String trigger() {
    return effectiveChecklist().trigger();
  }

  /**
   * The values placeholders can use: the standard fields, the checklist that applies, then custom
   * fields.
   */
  public Map<String, String> placeholderValues() {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, "first_name", firstName);
    put(values, "last_name", lastName);
    put(values, "company", company);
    put(values, "title", title);
    put(values, "email", email);
    put(values, "linkedin_url", linkedinUrl);
    effectiveChecklist().placeholderValues().forEach((k, v) -> values.putIfAbsent(k, v));
    fields.forEach((k, v) -> values.putIfAbsent(k, v));
    return values;
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
