package io.sequor.domain.prospects;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A prospect. {@link #fields} holds custom values usable as placeholders, such as trigger.
 *
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
    String country) {

  public Prospect(
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
      Map<String, String> fields) {
    this(
        id,
        email,
        linkedinUrl,
        firstName,
        lastName,
        company,
        title,
        timezone,
        openProfile,
        emailUndeliverable,
        fields,
        null);
  }

  /** The values placeholders can use: the standard fields, then custom fields. */
  public Map<String, String> placeholderValues() {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, "first_name", firstName);
    put(values, "last_name", lastName);
    put(values, "company", company);
    put(values, "title", title);
    put(values, "email", email);
    put(values, "linkedin_url", linkedinUrl);
    fields.forEach((k, v) -> values.putIfAbsent(k, v));
    return values;
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
