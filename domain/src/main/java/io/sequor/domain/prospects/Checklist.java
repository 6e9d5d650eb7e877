package io.sequor.domain.prospects;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pre-send checklist: why this person, why now, how to open, what is offered, what is asked.
 * Null (or blank) means "not set"; a prospect's own entry overrides its segment's entry by entry.
 * Each entry is also a placeholder: {@code {{icp_match}}, {{trigger}}, {{hook_angle}}, {{offer}},
 * {{cta}}}.
 */
public record Checklist(
    String icpMatch, String trigger, String hookAngle, String offer, String cta) {

  public static final Checklist EMPTY = new Checklist(null, null, null, null, null);

  /** Blank entries as null, so "set" always means "has text". */
  public Checklist normalised() {
    return new Checklist(
        clean(icpMatch), clean(trigger), clean(hookAngle), clean(offer), clean(cta));
  }

  /** This checklist's entries where set, {@code fallback}'s elsewhere. */
  public Checklist over(Checklist fallback) {
    Checklist f = fallback == null ? EMPTY : fallback;
    return new Checklist(
        or(icpMatch, f.icpMatch),
        or(trigger, f.trigger),
        or(hookAngle, f.hookAngle),
        or(offer, f.offer),
        or(cta, f.cta));
  }

  /** The set entries by placeholder name (icp_match, trigger, ...), in checklist order. */
  public Map<String, String> placeholderValues() {
    Map<String, String> entries = new LinkedHashMap<>();
    put(entries, "icp_match", icpMatch);
    put(entries, "trigger", trigger);
    put(entries, "hook_angle", hookAngle);
    put(entries, "offer", offer);
    put(entries, "cta", cta);
    return entries;
  }

  /** A checklist from entries by placeholder name, such as custom fields; others are ignored. */
  public static Checklist fromPlaceholders(Map<String, String> values) {
    if (values == null) {
      return EMPTY;
    }
    return new Checklist(
            values.get("icp_match"),
            values.get("trigger"),
            values.get("hook_angle"),
            values.get("offer"),
            values.get("cta"))
        .normalised();
  }

  private static void put(Map<String, String> entries, String name, String value) {
    if (value != null && !value.isBlank()) {
      entries.put(name, value);
    }
  }

  private static String clean(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String or(String value, String fallback) {
    return value != null && !value.isBlank() ? value : fallback;
  }
}
