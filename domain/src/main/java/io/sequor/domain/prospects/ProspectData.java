package io.sequor.domain.prospects;

import java.util.Map;

/**
 * Prospect fields as a client sends them; null means "not given", and an update keeps what is not
 * given.
 *
 * @param segment the segment to put the prospect in; blank takes it out of its segment
 * @param checklist pre-send checklist entries; each one given replaces the prospect's own, a blank
 *     one clears it
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
    String segment,
    Checklist checklist,
    String country) {}
