package io.sequor.api.reports;

import io.sequor.api.auth.Caller;
import io.sequor.domain.campaigns.CampaignStore;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.reports.Breakdown;
import io.sequor.domain.reports.Range;
import io.sequor.domain.reports.Report;
import io.sequor.domain.reports.ReportCsv;
import io.sequor.domain.reports.Reports;
import io.sequor.domain.reports.Scope;
import io.sequor.domain.reports.Series;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reports")
@Tag(
    name = "Reports",
    description =
        "Funnel metrics, credits and money per campaign, sequence or seat; definitions in"
            + " docs/metrics.md")
class ReportsController {

  static final String REPORT_EXAMPLE =
      """
      {"scope": "campaign", "id": "3f2a9c1e-6b7d-4e21-9a0f-5c8d7e6b4a31",
       "from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z", "by": "step",
       "unit": "MESSAGE",
       "total": {"key": null, "delivered": 240, "replies": 31, "replyRate": 0.129,
         "positiveReplies": 11, "positiveReplyRate": 0.046, "meetings": 5, "meetingRate": 0.021,
         "timeToFirstReply": {"medianSeconds": 97200.0, "p25Seconds": 30600.0,
           "p75Seconds": 259200.0, "distribution": {"under24h": 12, "from24hTo72h": 10,
           "from3dTo7d": 6, "from7dTo14d": 3, "over14d": 0}},
         "outOfOffice": 14, "bounces": 6, "unsubscribes": 2, "failedSends": 1,
         "credits": {"spent": 180, "refunded": 19, "released": 1, "inRefundWindow": 120,
           "net": 160},
         "money": {"cost": 1600.00, "costPerReply": 51.61, "costPerPositiveReply": 145.45,
           "costPerMeeting": 320.00},
         "overridden": 2,
         "health": {"replyRate": {"level": "HEALTHY",
             "message": "reply rate 12.9% is 10% or more: healthy"},
           "positiveReplyRate": {"level": "ON_TARGET",
             "message": "positive reply rate 4.6% is on target (target 3.0%-6.0%)"},
           "meetingRate": {"level": "ON_TARGET",
             "message": "meeting rate 2.1% is on target (target 1.0%-3.0%)"}}},
       "rows": [{"key": "day-0-inmail", "delivered": 180, "replies": 24, "replyRate": 0.133,
         "...": "every field of total"}]}""";

  static final String CSV_EXAMPLE =
      """
      line,dimension,value,delivered,replies,replyRate,...,meetingRateHealth
      row,step,day-0-inmail,180,24,0.1333333333333333,...,ON_TARGET
      total,,,240,31,0.12916666666666668,...,ON_TARGET
      """;

  static final String SERIES_EXAMPLE =
      """
      {"scope": "campaign", "id": "3f2a9c1e-6b7d-4e21-9a0f-5c8d7e6b4a31", "zone": "Europe/Berlin",
       "days": [
         {"day": "2026-11-02", "delivered": 40, "replies": 3, "positiveReplies": 1,
          "outOfOffice": 2, "bounces": 1, "meetings": 0, "creditsSpent": 30,
          "creditsRefunded": 0},
         {"day": "2026-11-03", "delivered": 0, "replies": 2, "positiveReplies": 1,
          "outOfOffice": 0, "bounces": 0, "meetings": 1, "creditsSpent": 0,
          "creditsRefunded": 2}]}""";

  private static final String BY_VALUES =
      Arrays.stream(Breakdown.values()).map(Breakdown::wireName).collect(Collectors.joining(", "));

  private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private final Reports reports;
  private final Tenancy tenancy;
  private final CampaignStore campaigns;

  ReportsController(Reports reports, Tenancy tenancy, CampaignStore campaigns) {
    this.reports = reports;
    this.tenancy = tenancy;
    this.campaigns = campaigns;
  }

  /** The documentation shared by the three report operations. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(
      responseCode = "200",
      description = "The report: totals by enrolment, rows by the breakdown's unit",
      content = {
        @Content(mediaType = "application/json", examples = @ExampleObject(value = REPORT_EXAMPLE)),
        @Content(mediaType = "text/csv", examples = @ExampleObject(value = CSV_EXAMPLE))
      })
  @interface ReportResponse {}

  /** The documentation shared by the three series operations. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(
      responseCode = "200",
      description = "One entry per calendar day of the range, zeros on quiet days",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(value = SERIES_EXAMPLE)))
  @interface SeriesResponse {}

  private static final String REPORT_DESCRIPTION =
      "Messages delivered in [from, to) and whatever came of them up to now: delivered, replies,"
          + " positive replies, meetings and their rates, time to first reply, out-of-office,"
          + " bounces, unsubscribes, failed sends, credits and money, with health flags. by=step,"
          + " variant or channel gives a row per value counting messages; by=segment, seat,"
          + " campaign or mailbox a row per value counting enrolments, like the totals. CSV with"
          + " format=csv or Accept: text/csv. 400 names from, to, by or zone when wrong.";

  private static final String SERIES_DESCRIPTION =
      "Delivered messages, first replies, positive replies, out-of-office, bounces, first"
          + " meetings, credits spent and refunded, by the calendar day (in zone) each occurred."
          + " Without from, the series starts on the scope's first event; without to, it ends"
          + " today.";

  @GetMapping("/campaigns/{id}")
  @Operation(summary = "A campaign's report", description = REPORT_DESCRIPTION)
  @ReportResponse
  ResponseEntity<?> campaign(
      Caller caller,
      @PathVariable UUID id,
      @Parameter(description = "start, inclusive: a date or an instant")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "end, exclusive: a date or an instant")
          @RequestParam(required = false)
          String to,
      @Parameter(
              description =
                  "breakdown: " + "step, variant, channel, segment, seat, campaign or mailbox")
          @RequestParam(required = false)
          String by,
      @Parameter(description = "the zone dates are read in; default UTC")
          @RequestParam(required = false)
          String zone,
      @Parameter(description = "csv for CSV") @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    campaigns.get(caller.workspaceId(), id);
    return report(caller, Scope.CAMPAIGN, id.toString(), from, to, by, zone, format, accept);
  }

  @GetMapping("/sequences/{id}")
  @Operation(
      summary = "A sequence's report (every version, every campaign)",
      description = REPORT_DESCRIPTION)
  @ReportResponse
  ResponseEntity<?> sequence(
      Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    tenancy.sequence(caller.workspaceId(), id);
    return report(caller, Scope.SEQUENCE, id.toString(), from, to, by, zone, format, accept);
  }

  @GetMapping("/seats/{id}")
  @Operation(
      summary = "A seat's report (every enrolment it sent for)",
      description = REPORT_DESCRIPTION)
  @ReportResponse
  ResponseEntity<?> seat(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) String format,
      @RequestHeader(value = "Accept", required = false) String accept) {
    tenancy.seat(caller.workspaceId(), id);
    return report(caller, Scope.SEAT, id, from, to, by, zone, format, accept);
  }

  @GetMapping("/campaigns/{id}/series")
  @Operation(summary = "A campaign's per-day series for charts", description = SERIES_DESCRIPTION)
  @SeriesResponse
  Series campaignSeries(
      Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone) {
    campaigns.get(caller.workspaceId(), id);
    return series(caller, Scope.CAMPAIGN, id.toString(), from, to, zone);
  }

  @GetMapping("/sequences/{id}/series")
  @Operation(summary = "A sequence's per-day series for charts", description = SERIES_DESCRIPTION)
  @SeriesResponse
  Series sequenceSeries(
      Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone) {
    tenancy.sequence(caller.workspaceId(), id);
    return series(caller, Scope.SEQUENCE, id.toString(), from, to, zone);
  }

  @GetMapping("/seats/{id}/series")
  @Operation(summary = "A seat's per-day series for charts", description = SERIES_DESCRIPTION)
  @SeriesResponse
  Series seatSeries(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String zone) {
    tenancy.seat(caller.workspaceId(), id);
    return series(caller, Scope.SEAT, id, from, to, zone);
  }

  private ResponseEntity<?> report(
      Caller caller,
      Scope scope,
      String id,
      String from,
      String to,
      String by,
      String zone,
      String format,
      String accept) {
    List<FieldProblem> problems = new ArrayList<>();
    Breakdown breakdown = checked(problems, () -> breakdown(by));
    Range range = checked(problems, () -> Range.parse(from, to, zone));
    Boolean csv = checked(problems, () -> csv(format, accept));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Report report =
        reports.report(new Report.Target(caller.workspaceId(), scope, id), range, breakdown);
    if (csv) {
      String name =
          scope.wireName() + "-" + id + (breakdown == null ? "" : "-by-" + breakdown.wireName());
      return ResponseEntity.ok()
          .contentType(CSV)
          .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
          .body(ReportCsv.write(report));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ReportView.of(report));
  }

  private Series series(
      Caller caller, Scope scope, String id, String from, String to, String zone) {
    return reports.series(
        new Report.Target(caller.workspaceId(), scope, id), Range.parse(from, to, zone));
  }

  /** The value, or null with its problems added to the list, so a 400 names every bad field. */
  private static <T> T checked(List<FieldProblem> problems, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static Breakdown breakdown(String by) {
    if (by == null || by.isBlank()) {
      return null;
    }
    return Breakdown.ofWireName(by.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new InvalidInputException("by", "must be one of " + BY_VALUES));
  }

  private static boolean csv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (f.equals("csv")) {
        return true;
      }
      if (f.equals("json")) {
        return false;
      }
      throw new InvalidInputException("format", "must be json or csv");
    }
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }
}
