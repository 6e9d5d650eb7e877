package io.sequor.domain.prospects;

import java.util.Map;

/**
 * Prospect fields as a client sends them; null means "not given".
 *
 * @param country ISO 3166-1 alpha-2 code; picks the public holidays a schedule skips
 */
public record ProspectData(
    String email,
    String linkedinUrl,
    String firstName,
    String lastName,
    String company,
    String title,
    String timezone,
    Boolean openProfile,
    Map<String, String> fields,
    String country) {

  public ProspectData(
      String email,
      String linkedinUrl,
      String firstName,
      String lastName,
      String company,
      String title,
      String timezone,
      Boolean openProfile,
      Map<String, String> fields) {
    this(
        email,
        linkedinUrl,
        firstName,
        lastName,
        company,
        title,
        timezone,
        openProfile,
        fields,
        null);
  }
}
