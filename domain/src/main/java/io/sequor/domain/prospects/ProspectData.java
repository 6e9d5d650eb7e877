package io.sequor.domain.prospects;

import java.util.Map;

/** Prospect fields as a client sends them; null means "not given". */
public record ProspectData(
    String email,
    String linkedinUrl,
    String firstName,
    String lastName,
    String company,
    String title,
    String timezone,
    Boolean openProfile,
    Map<String, String> fields) {}
