package io.sequor.api.sequences;

import io.sequor.api.auth.Caller;
import io.sequor.api.auth.EnrolScope;
import io.sequor.api.sequences.SequenceRequests.AddVersion;
import io.sequor.api.sequences.SequenceRequests.CreateSequence;
import io.sequor.api.sequences.SequenceViews.SequenceView;
import io.sequor.api.sequences.SequenceViews.VersionView;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceRules;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sequences")
@Tag(name = "Sequences", description = "Named, versioned sequences of steps")
class SequencesController {

  private final SequenceCatalog catalog;
  private final SequenceRules rules;
  private final Tenancy tenancy;

  SequencesController(SequenceCatalog catalog, SequenceRules rules, Tenancy tenancy) {
    this.catalog = catalog;
    this.rules = rules;
    this.tenancy = tenancy;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a sequence with its first version; warnings flag weak copy")
  ResponseEntity<VersionView> create(@RequestBody CreateSequence request, Caller caller) {
    SequenceCatalog.Saved saved =
        catalog.create(
            caller.workspaceId(),
            UUID.randomUUID(),
            request.name(),
            request.steps(),
            Boolean.TRUE.equals(request.requiresTrigger()));
    return ResponseEntity.created(location(saved.version()))
        .body(VersionView.of(saved.version(), saved.warnings()));
  }

  @GetMapping
  @Operation(summary = "List sequences")
  @EnrolScope
  List<SequenceView> list(Caller caller) {
    return catalog.list(caller.workspaceId()).stream().map(SequenceView::of).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "A sequence's latest version")
  @EnrolScope
  VersionView get(@PathVariable UUID id, Caller caller) {
    tenancy.sequence(caller.workspaceId(), id);
    return view(catalog.version(id, catalog.sequence(id).latestVersion()));
  }

  @GetMapping("/{id}/versions")
  @Operation(summary = "Every version of a sequence")
  @EnrolScope
  List<VersionView> versions(@PathVariable UUID id, Caller caller) {
    tenancy.sequence(caller.workspaceId(), id);
    return catalog.versions(id).stream().map(this::view).toList();
  }

  @GetMapping("/{id}/versions/{version}")
  @Operation(summary = "One version of a sequence")
  @EnrolScope
  VersionView version(@PathVariable UUID id, @PathVariable int version, Caller caller) {
    tenancy.sequence(caller.workspaceId(), id);
    return view(catalog.version(id, version));
  }

  @PostMapping("/{id}/versions")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add a version",
      description =
          "Versions are immutable; enrolments stay on the version they started on. A version"
              + " left without requiresTrigger keeps the previous version's setting.")
  ResponseEntity<VersionView> addVersion(
      @PathVariable UUID id, @RequestBody AddVersion request, Caller caller) {
    tenancy.sequence(caller.workspaceId(), id);
    SequenceCatalog.Saved saved =
        catalog.addVersion(id, request.steps(), Boolean.TRUE.equals(request.requiresTrigger()));
    return ResponseEntity.created(location(saved.version()))
        .body(VersionView.of(saved.version(), saved.warnings()));
  }

  private VersionView view(SequenceVersion v) {
    return VersionView.of(v, rules.check(null, v.steps()).warnings());
  }

  private static URI location(SequenceVersion v) {
    return URI.create("/api/sequences/" + v.sequenceId() + "/versions/" + v.version());
  }
}
