package io.sequor.api.prospects;

/** Example bodies for the OpenAPI description. */
final class Examples {
  private Examples() {}

  static final String PROSPECT_REQUEST =
      """
      {"email": "ada@example.com", "linkedinUrl": "https://www.linkedin.com/in/ada-example",
       "firstName": "Ada", "lastName": "Lovelace", "company": "Analytical Engines",
       "title": "VP Sales", "timezone": "Europe/London", "segment": "uk-fintech-vp-sales",
       "fields": {"tool": "Salesforce"},
       "checklist": {"trigger": "your new Head of Sales role", "offer": "a 2-page teardown"}}
      """;

  static final String PROSPECT =
      """
      {"id": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11", "email": "ada@example.com",
       "linkedinUrl": "https://www.linkedin.com/in/ada-example", "firstName": "Ada",
       "lastName": "Lovelace", "company": "Analytical Engines", "title": "VP Sales",
       "timezone": "Europe/London", "openProfile": false, "emailUndeliverable": false,
       "emailVerification": null, "fields": {"tool": "Salesforce"},
       "segment": "uk-fintech-vp-sales",
       "checklist": {"icpMatch": null, "trigger": "your new Head of Sales role", "hookAngle": null,
                     "offer": "a 2-page teardown", "cta": null},
       "effectiveChecklist": {"icpMatch": "VP Sales, 40-person SDR team",
                              "trigger": "your new Head of Sales role",
                              "hookAngle": "peer proof", "offer": "a 2-page teardown",
                              "cta": "Worth a look, Tue or Wed?"}}
      """;

  static final String PROSPECT_PAGE =
      """
      {"items": [{"id": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11", "email": "ada@example.com",
                  "company": "Analytical Engines", "segment": "uk-fintech-vp-sales"}],
       "nextCursor": "MjAyNi0xMS0yNlQxMjowMDowMFp8MGI2ZjFjNTI"}
      """;

  static final String CONFLICT =
      """
      {"type": "https://sequor.dev/problems/conflict", "title": "Conflict", "status": 409,
       "detail": "the email belongs to prospect 0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11 and the\
       LinkedIn URL to prospect 5d0e7a8b-1f0a-4b7e-8f5e-2c9d7e6a3b22; nothing was written",
       "existingId": "0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11",
       "errors": [
         {"field": "email", "reason": "belongs to prospect 0b6f1c52-7d1e-4c1a-9a53-3f1e8f0a1c11"},
         {"field": "linkedinUrl",
          "reason": "belongs to another prospect, 5d0e7a8b-1f0a-4b7e-8f5e-2c9d7e6a3b22"}]}
      """;

  static final String SEGMENT_REQUEST =
      """
      {"checklist": {"icpMatch": "VP Sales, 40-person SDR team", "trigger": "hiring SDRs this quarter",
                     "hookAngle": "peer proof", "offer": "a 2-page teardown",
                     "cta": "Worth a look, Tue or Wed?"}}
      """;

  static final String SEGMENT =
      """
      {"name": "uk-fintech-vp-sales",
       "checklist": {"icpMatch": "VP Sales, 40-person SDR team", "trigger": "hiring SDRs this quarter",
                     "hookAngle": "peer proof", "offer": "a 2-page teardown",
                     "cta": "Worth a look, Tue or Wed?"},
       "prospects": 42, "createdAt": "2026-11-26T12:00:00Z", "updatedAt": "2026-11-26T12:00:00Z"}
      """;

  static final String CSV =
      """
      E-mail,First Name,Company,LinkedIn URL,Pain Point
      ada@example.com,Ada,Analytical Engines,https://www.linkedin.com/in/ada-example,manual reporting
      grace@example.com,Grace,Compilers Inc,,hiring SDRs
      """;

  static final String IMPORT =
      """
      {"id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "status": "COMPLETED",
       "segment": "uk-fintech-vp-sales",
       "columns": {"E-mail": "email", "First Name": "firstName", "Company": "company",
                   "LinkedIn URL": "linkedinUrl", "Pain Point": "fields.pain_point"},
       "rowsRead": 3, "created": 1, "updated": 1, "skipped": 1, "error": null,
       "createdAt": "2026-11-26T12:00:00Z", "finishedAt": "2026-11-26T12:00:01Z"}
      """;

  static final String ROWS =
      """
      {"items": [{"row": 4, "outcome": "SKIPPED", "prospectId": null,
                  "reason": "email: 'ada@' is not an email address"}],
       "nextCursor": null}
      """;
}
