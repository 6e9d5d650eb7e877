package io.sequor.api.sequences;

import io.sequor.domain.sequences.Sequence;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.sequences.Warning;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies for sequences. */
final class SequenceViews {
  private SequenceViews() {}

  @Schema(
      example =
          """
          {"id": "5e9c0a11-0000-4000-8000-00000000c0de", "name": "Q1 trigger-based outreach",
           "latestVersion": 2, "createdAt": "2026-11-20T09:00:00Z"}""")
  record SequenceView(UUID id, String name, int latestVersion, Instant createdAt) {
    static SequenceView of(Sequence s) {
      return new SequenceView(s.id(), s.name(), s.latestVersion(), s.createdAt());
    }
  }

  @Schema(
      example =
          """
          {"sequenceId": "5e9c0a11-0000-4000-8000-00000000c0de", "name": "Q1 trigger-based outreach",
           "version": 1, "versionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
           "steps": [
             {"key": "day-0-inmail", "channel": "LINKEDIN_INMAIL", "dayOffset": 0,
              "subject": "{{company}} after {{trigger}}",
              "body": "Hi {{first_name}}, I noticed {{trigger}} at {{company}}. Worth a look, Tue or Wed?",
              "whenNoCredit": "EMAIL", "connectionNote": null},
             {"key": "email-day-1", "channel": "EMAIL", "dayOffset": 1,
              "subject": "{{company}} after {{trigger}}", "body": "Hi {{first_name}}, ...",
              "whenNoCredit": null, "connectionNote": null}],
           "warnings": [], "createdAt": "2026-11-20T09:00:00Z", "requiresTrigger": true}""")
  record VersionView(
      UUID sequenceId,
      String name,
      int version,
      UUID versionId,
      List<StepDefinition> steps,
      List<Warning> warnings,
      Instant createdAt,
      boolean requiresTrigger) {
    static VersionView of(SequenceVersion v, List<Warning> warnings) {
      return new VersionView(
          v.sequenceId(),
          v.sequenceName(),
          v.version(),
          v.id(),
          v.steps(),
          warnings,
          v.createdAt(),
          v.requiresTrigger());
    }
  }
}
