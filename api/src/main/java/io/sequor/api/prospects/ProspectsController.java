package io.sequor.api.prospects;

import io.sequor.api.auth.Caller;
import io.sequor.api.auth.EnrolScope;
import io.sequor.domain.addresses.EmailVerdicts;
import io.sequor.domain.addresses.EmailVerification;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/prospects")
@Tag(name = "Prospects", description = "The people Sequor writes to")
class ProspectsController {

  private final ProspectStore prospects;
  private final EmailVerdicts verdicts;
  private final Tenancy tenancy;

  ProspectsController(ProspectStore prospects, EmailVerdicts verdicts, Tenancy tenancy) {
    this.prospects = prospects;
    this.verdicts = verdicts;
    this.tenancy = tenancy;
  }

  /**
   * A prospect.
   *
   * @param emailUndeliverable no email is sent to the address: it failed verification or bounced
   * @param emailVerification the verdict of the last check of the address; absent when never
   *     checked
   */
  record ProspectView(
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
      EmailVerification emailVerification,
      Map<String, String> fields) {}

  @GetMapping("/{id}")
  @Operation(
      summary = "A prospect, with the verdict on its email address",
      description =
          "emailVerification is the last check of the address (at enrolment): VALID, RISKY,"
              + " INVALID or UNKNOWN, with reasons. emailUndeliverable is true when no email will"
              + " be sent to it.")
  @EnrolScope
  ProspectView get(@PathVariable UUID id, Caller caller) {
    tenancy.prospect(caller.workspaceId(), id);
    Prospect p = prospects.get(id);
    return new ProspectView(
        p.id(),
        p.email(),
        p.linkedinUrl(),
        p.firstName(),
        p.lastName(),
        p.company(),
        p.title(),
        p.timezone(),
        p.openProfile(),
        p.emailUndeliverable(),
        verdicts.find(id).orElse(null),
        p.fields());
  }
}
