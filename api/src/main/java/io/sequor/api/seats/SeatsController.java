package io.sequor.api.seats;

import io.sequor.api.auth.Caller;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.credits.CreditLedger;
import io.sequor.domain.credits.CreditLot;
import io.sequor.domain.credits.LedgerEntry;
import io.sequor.domain.credits.ProviderBalance;
import io.sequor.domain.credits.ProviderBalances;
import io.sequor.domain.credits.Seat;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.pacing.Pacing;
import io.sequor.domain.pacing.SeatPacing;
import io.sequor.domain.pacing.Slot;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/seats")
@Tag(name = "Seats", description = "LinkedIn seats and their InMail credits")
class SeatsController {

  private static final String PACING_EXAMPLE =
      """
      {"caps": {"INMAIL": {"daily": 20, "weekly": 80},
                "CONNECTION_REQUEST": {"daily": 15, "weekly": 60}},
       "windowStart": "09:00", "windowEnd": "17:30",
       "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
       "minGap": "PT3M", "maxGap": "PT9M", "rampUpWeeks": 2, "backoff": "PT24H"}""";

  private static final String SLOTS_EXAMPLE =
      """
      [{"seatId": "ada-navigator", "action": "INMAIL",
        "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "stepKey": "day-3-inmail",
        "at": "2026-11-27T10:14:00Z", "status": "BOOKED"}]""";

  private static final String LEDGER_EXAMPLE =
      """
      [{"id": 18, "seatId": "ada-navigator", "kind": "CONSUME", "amount": -1, "quantity": 1,
        "lotId": "4c2d1e0f-8a7b-4c6d-9e5f-1a2b3c4d5e6f",
        "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c", "stepKey": "day-0-inmail",
        "occurredAt": "2026-11-26T09:00:02Z"},
       {"id": 17, "seatId": "ada-navigator", "kind": "GRANT", "amount": 50, "quantity": 50,
        "lotId": "4c2d1e0f-8a7b-4c6d-9e5f-1a2b3c4d5e6f", "enrolmentId": null, "stepKey": null,
        "occurredAt": "2026-11-01T00:00:00Z"}]""";

  private static final String LOT_EXAMPLE =
      """
      {"id": "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098", "seatId": "ada-career", "source": "PURCHASE",
       "quantity": 10, "remaining": 10, "grantedAt": "2026-11-26T09:00:00Z",
       "expiresAt": "2027-11-26T09:00:00Z", "expired": false}""";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final CreditLedger ledger;
  private final SeatPacing pacing;
  private final SequorProperties properties;
  private final ProviderBalances providerBalances;
  private final Tenancy tenancy;

  SeatsController(
      CreditLedger ledger,
      SeatPacing pacing,
      SequorProperties properties,
      ProviderBalances providerBalances,
      Tenancy tenancy) {
    this.ledger = ledger;
    this.pacing = pacing;
    this.properties = properties;
    this.providerBalances = providerBalances;
    this.tenancy = tenancy;
  }

  @PutMapping("/{id}/pacing")
  @Operation(
      summary = "Set the seat's safety pacing",
      description =
          "Caps per action (INMAIL, CONNECTION_REQUEST, MESSAGE, PROFILE_VIEW), a daily window and"
              + " days in the seat's time zone, random gaps, ramp-up weeks and the back-off after a"
              + " restriction. A seat without pacing is not paced.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples = @ExampleObject(value = PACING_EXAMPLE))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The pacing now in force",
              content = @Content(examples = @ExampleObject(value = PACING_EXAMPLE))))
  Pacing setPacing(@PathVariable String id, @RequestBody Pacing request, Caller caller) {
    tenancy.seat(caller.workspaceId(), id);
    pacing.setPacing(id, request);
    return pacing.pacing(id).orElseThrow();
  }

  @GetMapping("/{id}/pacing")
  @Operation(
      summary = "The seat's pacing, or 404 when the seat is not paced",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The seat's pacing",
              content = @Content(examples = @ExampleObject(value = PACING_EXAMPLE))))
  ResponseEntity<Pacing> getPacing(@PathVariable String id, Caller caller) {
    tenancy.seat(caller.workspaceId(), id);
    return ResponseEntity.of(pacing.pacing(id));
  }

  @GetMapping("/{id}/slots")
  @Operation(
      summary = "The seat's upcoming booked send slots, soonest first",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Booked and used slots, soonest first",
              content = @Content(examples = @ExampleObject(value = SLOTS_EXAMPLE))))
  List<Slot> slots(
      @PathVariable String id, @RequestParam(defaultValue = "100") int limit, Caller caller) {
    tenancy.seat(caller.workspaceId(), id);
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be between 1 and 1000");
    }
    return pacing.upcoming(id, limit);
  }

  @Schema(
      example =
          """
          {"id": "ada-navigator", "name": "Ada's Sales Navigator", "plan": "sales-navigator-core",
           "renewalDay": 1, "timezone": "Europe/London", "freeAccount": false, "manual": false}""")
  record CreateSeat(
      String id,
      String name,
      String plan,
      Integer renewalDay,
      String timezone,
      @Schema(description = "A free LinkedIn account: connection notes of at most 200 characters")
          Boolean freeAccount,
      @Schema(
              description =
                  "A rep sends this seat's LinkedIn actions by hand from /api/tasks, whatever the"
                      + " configured gateway")
          Boolean manual) {}

  @Schema(example = "{\"quantity\": 10}")
  record Purchase(Integer quantity) {}

  @Schema(
      example =
          """
          {"id": "ada-navigator", "name": "Ada's Sales Navigator", "plan": "sales-navigator-core",
           "renewalDay": 1, "timezone": "Europe/London", "createdAt": "2026-11-01T09:00:00Z",
           "freeAccount": false, "manual": false, "balance": 48, "cap": 150,
           "lots": [{"id": "4c2d1e0f-8a7b-4c6d-9e5f-1a2b3c4d5e6f", "seatId": "ada-navigator",
                     "source": "GRANT", "quantity": 50, "remaining": 48,
                     "grantedAt": "2026-11-01T00:00:00Z", "expiresAt": "2027-02-01T00:00:00Z",
                     "expired": false}],
           "credits": {"spent": 3, "refunded": 1, "inRefundWindow": 1, "net": 2, "netCost": 20.00},
           "providerCredits": {"reported": null, "reportedAt": null, "ledgerBalance": null,
                               "difference": null}}""")
  record SeatView(
      String id,
      String name,
      String plan,
      int renewalDay,
      String timezone,
      Instant createdAt,
      boolean freeAccount,
      boolean manual,
      int balance,
      Integer cap,
      List<CreditLot> lots,
      Credits credits,
      ProviderCredits providerCredits) {}

  /**
   * The seat's InMail credits as the LinkedIn provider last reported them, beside the ledger's
   * balance at that moment. Every field is null until the provider has reported; only the HTTP
   * provider reports, after each paid InMail and each "out of credits" answer.
   *
   * @param reported the provider's figure
   * @param reportedAt when the provider gave it
   * @param ledgerBalance what Sequor's ledger held at that moment
   * @param difference {@code reported - ledgerBalance}: negative when the ledger counts credits
   *     that LinkedIn does not
   */
  record ProviderCredits(
      Integer reported, Instant reportedAt, Integer ledgerBalance, Integer difference) {

    static final ProviderCredits NEVER_REPORTED = new ProviderCredits(null, null, null, null);

    static ProviderCredits of(ProviderBalance report) {
      return new ProviderCredits(
          report.reported(), report.reportedAt(), report.ledgerBalance(), report.difference());
    }
  }

  /** What the seat's credits bought; money figures use the plan's cost per credit. */
  record Credits(
      int spent, int refunded, int inRefundWindow, int net, java.math.BigDecimal netCost) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a seat on a plan; its first monthly grant arrives at once")
  ResponseEntity<SeatView> create(@RequestBody CreateSeat request, Caller caller) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.id() == null || !ID.matcher(request.id()).matches()) {
      problems.add(new FieldProblem("id", "must be 1-64 lowercase letters, digits, '-' or '_'"));
    }
    if (request.plan() == null || properties.linkedin().plan(request.plan()).isEmpty()) {
      problems.add(
          new FieldProblem(
              "plan",
              "must be one of the configured plans " + properties.linkedin().plans().keySet()));
    }
    if (request.renewalDay() == null || request.renewalDay() < 1 || request.renewalDay() > 31) {
      problems.add(new FieldProblem("renewalDay", "must be a day of the month, 1 to 31"));
    }
    ZoneId zone = null;
    try {
      zone = ZoneId.of(request.timezone() == null ? "" : request.timezone());
    } catch (DateTimeException e) {
      problems.add(
          new FieldProblem(
              "timezone",
              "'" + request.timezone() + "' is not an IANA time zone like Europe/Paris"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String name =
        request.name() == null || request.name().isBlank() ? request.id() : request.name();
    Seat seat =
        ledger.createSeat(
            caller.workspaceId(),
            request.id(),
            name,
            request.plan(),
            request.renewalDay(),
            zone,
            Boolean.TRUE.equals(request.freeAccount()),
            Boolean.TRUE.equals(request.manual()));
    return ResponseEntity.created(URI.create("/api/seats/" + seat.id())).body(view(seat));
  }

  @GetMapping
  @Operation(summary = "Every seat with its balance")
  List<SeatView> list(Caller caller) {
    return ledger.seats(caller.workspaceId()).stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  @Operation(
      summary =
          "A seat: balance, lots with their expiry, what its credits bought, and the provider's"
              + " own count of its credits when it reported one")
  SeatView get(@PathVariable String id, Caller caller) {
    tenancy.seat(caller.workspaceId(), id);
    return view(ledger.seat(id));
  }

  @GetMapping("/{id}/ledger")
  @Operation(
      summary = "Every credit movement of the seat, newest first",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Ledger entries",
              content = @Content(examples = @ExampleObject(value = LEDGER_EXAMPLE))))
  List<LedgerEntry> ledger(
      @PathVariable String id,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset,
      Caller caller) {
    tenancy.seat(caller.workspaceId(), id);
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be between 1 and 1000");
    }
    if (offset < 0) {
      throw new InvalidInputException("offset", "must be 0 or more");
    }
    return ledger.entries(id, limit, offset);
  }

  @PostMapping("/{id}/purchases")
  @Operation(
      summary = "Buy extra credits where the plan sells them; Idempotency-Key required",
      responses =
          @ApiResponse(
              responseCode = "201",
              description = "The purchased lot",
              content = @Content(examples = @ExampleObject(value = LOT_EXAMPLE))))
  ResponseEntity<CreditLot> purchase(
      @PathVariable String id,
      @RequestBody Purchase request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Caller caller) {
    tenancy.seat(caller.workspaceId(), id);
    List<FieldProblem> problems = new ArrayList<>();
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      problems.add(
          new FieldProblem(
              "Idempotency-Key", "is required (1-200 characters) so a retry buys once"));
    }
    if (request.quantity() == null || request.quantity() < 1) {
      problems.add(new FieldProblem("quantity", "must be 1 or more"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    CreditLot lot = ledger.purchase(id, request.quantity(), idempotencyKey);
    return ResponseEntity.created(URI.create("/api/seats/" + id)).body(lot);
  }

  private SeatView view(Seat seat) {
    SequorProperties.LinkedIn.Plan plan = properties.linkedin().plan(seat.plan()).orElseThrow();
    CreditLedger.Credits credits =
        ledger.creditsOfSeat(seat.id(), properties.enrolment().refundWindow());
    List<CreditLot> lots = ledger.lots(seat.id());
    return new SeatView(
        seat.id(),
        seat.name(),
        seat.plan(),
        seat.renewalDay(),
        seat.timezone().getId(),
        seat.createdAt(),
        seat.freeAccount(),
        seat.manual(),
        lots.stream().mapToInt(CreditLot::remaining).sum(),
        plan.cap(),
        lots.stream().filter(l -> !l.expired()).toList(),
        new Credits(
            credits.spent(),
            credits.refunded(),
            credits.inRefundWindow(),
            credits.net(),
            plan.costPerCredit().multiply(java.math.BigDecimal.valueOf(credits.net()))),
        providerBalances
            .latest(seat.id())
            .map(ProviderCredits::of)
            .orElse(ProviderCredits.NEVER_REPORTED));
  }
}
