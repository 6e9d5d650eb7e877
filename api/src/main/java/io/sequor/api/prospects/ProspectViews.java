package io.sequor.api.prospects;

import io.sequor.domain.addresses.EmailVerification;
import io.sequor.domain.prospects.Checklist;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectImport;
import io.sequor.domain.prospects.Segment;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies for prospects, segments and imports. */
final class ProspectViews {
  private ProspectViews() {}

  /**
   * A prospect.
   *
   * @param emailUndeliverable no email is sent to the address: it failed verification or bounced
   * @param emailVerification the verdict of the last check of the address; absent when never
   *     checked
   * @param checklist the prospect's own checklist entries
   * @param effectiveChecklist what applies: the prospect's own entries, else custom fields of the
   *     same placeholder name, else its segment's
   * @param country ISO 3166-1 alpha-2; picks the public holidays a schedule skips
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
      Map<String, String> fields,
      String segment,
      Checklist checklist,
      Checklist effectiveChecklist,
      String country) {

    static ProspectView of(Prospect p, EmailVerification verification) {
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
          verification,
          p.fields(),
          p.segment(),
          p.checklist(),
          p.effectiveChecklist(),
          p.country());
    }
  }

  @Schema(description = "One page of prospects")
  record ProspectPage(
      List<ProspectView> items,
      @Schema(description = "Pass as cursor for the next page; null on the last page")
          String nextCursor) {}

  record SegmentView(
      String name,
      Checklist checklist,
      @Schema(description = "Prospects in the segment now") long prospects,
      Instant createdAt,
      Instant updatedAt) {
    static SegmentView of(Segment s) {
      return new SegmentView(s.name(), s.checklist(), s.prospects(), s.createdAt(), s.updatedAt());
    }
  }

  @Schema(description = "One page of an import's row results")
  record RowPage(
      List<ProspectImport.Row> items,
      @Schema(description = "Pass as cursor for the next page; null on the last page")
          String nextCursor) {}
}
