package io.sequor.api.sequences;

import io.sequor.domain.sequences.StepDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Request bodies for sequences. */
final class SequenceRequests {
  private SequenceRequests() {}

  @Schema(
      description = "A new sequence and its first version",
      example =
          """
          {"name": "Q1 trigger-based outreach", "requiresTrigger": true,
           "steps": [
             {"key": "day-0-inmail", "channel": "LINKEDIN_INMAIL", "dayOffset": 0,
              "subject": "{{company}} after {{trigger}}",
              "body": "Hi {{first_name}}, I noticed {{trigger}} at {{company}}. Worth a look, Tue or Wed?"},
             {"key": "email-day-1", "channel": "EMAIL", "dayOffset": 1,
              "subject": "{{company}} after {{trigger}}", "body": "Hi {{first_name}}, ..."}]}""")
  record CreateSequence(
      @Schema(example = "Q1 trigger-based outreach") String name,
      List<StepDefinition> steps,
      @Schema(description = REQUIRES_TRIGGER + "; false when absent", example = "true")
          Boolean requiresTrigger) {}

  @Schema(
      description = "A new version of an existing sequence",
      example =
          """
          {"requiresTrigger": true,
           "steps": [
             {"key": "day-0-inmail", "channel": "LINKEDIN_INMAIL", "dayOffset": 0,
              "subject": "{{company}} after {{trigger}}",
              "body": "Hi {{first_name}}, I noticed {{trigger}} at {{company}}. Worth a look, Tue or Wed?"},
             {"key": "email-day-1", "channel": "EMAIL", "dayOffset": 1,
              "subject": "{{company}} after {{trigger}}", "body": "Hi {{first_name}}, ..."}]}""")
  record AddVersion(
      List<StepDefinition> steps,
      @Schema(
              description = REQUIRES_TRIGGER + "; the previous version's setting when absent",
              example = "true")
          Boolean requiresTrigger) {}

  static final String REQUIRES_TRIGGER =
      "When true, a prospect is enrolled only if it has a trigger (its own checklist.trigger or"
          + " fields.trigger, or its segment's)";
}
