package io.sequor.api.migrations;

import io.sequor.api.auth.Caller;
import io.sequor.domain.enrolments.VersionMigrations;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
    name = "Migrations",
    description = "Moving live enrolments to a new version of their sequence, with an audit record")
class MigrationsController {

  private static final String RECORDS_EXAMPLE =
      """
      [{"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "requestId": "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
       "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "fromVersion": 1, "toVersion": 2,
       "outcome": "MIGRATED", "requestedBy": "key:0b6f1c1e-3f55-4c1e-9a43-2f7c1c7e0d11",
       "requestedAt": "2026-11-27T10:00:00Z", "appliedAt": "2026-11-27T10:00:01Z"}]""";

  private final VersionMigrations migrations;
  private final Tenancy tenancy;

  MigrationsController(VersionMigrations migrations, Tenancy tenancy) {
    this.migrations = migrations;
    this.tenancy = tenancy;
  }

  /**
   * Which enrolments move, and to which version.
   *
   * @param enrolmentIds up to 1000 enrolments of the sequence
   * @param campaignId every active or paused enrolment of the campaign; its later launch pages
   *     enrol on the new version too
   */
  @Schema(
      example =
          """
          {"toVersion": 2, "enrolmentIds": ["0b6f3c1e-4a59-4f43-9a0e-2d4b7f0c9e11"]}""")
  record Migrate(Integer toVersion, List<UUID> enrolmentIds, UUID campaignId) {}

  /** What the request did to each enrolment; the records are kept as the audit trail. */
  @Schema(
      example =
          """
          {"enrolments": [{"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "requestId": "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
           "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "fromVersion": 1, "toVersion": 2,
           "outcome": "MIGRATED", "requestedBy": "key:0b6f1c1e-3f55-4c1e-9a43-2f7c1c7e0d11",
           "requestedAt": "2026-11-27T10:00:00Z", "appliedAt": "2026-11-27T10:00:01Z"}]}""")
  record Migrated(List<VersionMigrations.Record> enrolments) {}

  @PostMapping("/api/sequences/{id}/migrations")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Move live enrolments to another version of the sequence",
      description =
          "In-flight enrolments stay on their version unless moved here. Each chosen enrolment"
              + " gets an audit record (who, when, from which version) and moves at its next"
              + " step: steps already sent, or being sent, are never sent again; steps of the new"
              + " version whose day has passed are skipped. Outcome per enrolment: MIGRATED,"
              + " ALREADY_ON_VERSION, NOT_RUNNING or OTHER_SEQUENCE. appliedAt is set when its"
              + " workflow has switched.")
  Migrated migrate(Caller caller, @PathVariable UUID id, @RequestBody Migrate request) {
    tenancy.sequence(caller.workspaceId(), id);
    return new Migrated(
        migrations.migrate(
            caller.workspaceId(),
            id,
            request.toVersion(),
            request.enrolmentIds(),
            request.campaignId(),
            caller.keyId() == null ? "installation" : "key:" + caller.keyId()));
  }

  @GetMapping("/api/enrolments/{id}/migrations")
  @Operation(
      summary = "An enrolment's moves between versions, oldest first",
      description = "Who asked, when, from which version to which, and when it was applied.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The moves",
              content = @Content(examples = @ExampleObject(value = RECORDS_EXAMPLE))))
  List<VersionMigrations.Record> of(Caller caller, @PathVariable UUID id) {
    tenancy.enrolment(caller.workspaceId(), id);
    return migrations.of(id);
  }
}
