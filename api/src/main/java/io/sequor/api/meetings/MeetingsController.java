package io.sequor.api.meetings;

import io.sequor.api.auth.Caller;
import io.sequor.api.auth.EnrolScope;
import io.sequor.api.auth.SignedRequest;
import io.sequor.api.paging.Cursors;
import io.sequor.api.paging.Page;
import io.sequor.api.webhooks.WebhookSignature;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.meetings.Meeting;
import io.sequor.domain.meetings.MeetingStore;
import io.sequor.domain.meetings.Meetings;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(
    name = "Meetings",
    description =
        "Meetings booked with prospects, which the reports count and which stop a sequence")
class MeetingsController {

  private static final String MEETING_EXAMPLE =
      """
      {"id": "0b6f4c1e-2a3d-4e5f-9a8b-7c6d5e4f3a2b",
       "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c",
       "scheduledFor": "2027-03-09T15:00:00Z", "bookedAt": "2027-03-04T10:12:00Z",
       "source": "API", "externalId": "cal-8841", "createdAt": "2027-03-04T10:12:00Z"}""";

  /** What a client sends to record a meeting. */
  record Book(UUID enrolmentId, Instant scheduledFor, String externalId) {}

  /**
   * What a calendar tool sends: the enrolment, or the invitee's email address (its prospect's most
   * recent enrolment, within the workspace when given).
   */
  record CalendarBooking(
      String externalId, UUID enrolmentId, String email, UUID workspaceId, Instant scheduledFor) {}

  private final Meetings meetings;
  private final MeetingStore store;
  private final Tenancy tenancy;
  private final JsonMapper json;
  private final WebhookSignature signature;

  MeetingsController(
      Meetings meetings,
      MeetingStore store,
      Tenancy tenancy,
      JsonMapper json,
      SequorProperties properties) {
    this.meetings = meetings;
    this.store = store;
    this.tenancy = tenancy;
    this.json = json;
    this.signature =
        new WebhookSignature(
            properties.inbound().calendarWebhookSecret(),
            "sequor.inbound.calendar-webhook-secret",
            Duration.ofMinutes(5),
            Clock.systemUTC());
  }

  @PostMapping("/api/meetings")
  @EnrolScope
  @Operation(
      summary = "Record a meeting booked with an enrolment's prospect",
      description =
          "201 with the meeting; 200 with the earlier one when externalId was recorded before for"
              + " the same enrolment (a retry records nothing more); 409 when it records a"
              + " meeting of another enrolment. A running enrolment stops (MEETING_BOOKED). The"
              + " reports count the meeting on the message it is attributed to.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          {"enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c",
           "scheduledFor": "2027-03-09T15:00:00Z", "externalId": "cal-8841"}"""))),
      responses =
          @ApiResponse(
              responseCode = "201",
              description = "Recorded",
              content = @Content(examples = @ExampleObject(value = MEETING_EXAMPLE))))
  ResponseEntity<Meeting> book(Caller caller, @RequestBody(required = false) Book request) {
    if (request == null || request.enrolmentId() == null) {
      throw new InvalidInputException("enrolmentId", "is required");
    }
    MeetingStore.Booked booked =
        meetings.book(
            caller.workspaceId(),
            request.enrolmentId(),
            request.scheduledFor(),
            request.externalId(),
            MeetingStore.Source.API,
            caller.keyId());
    return answer(booked);
  }

  @GetMapping("/api/meetings")
  @EnrolScope
  @Operation(
      summary = "The workspace's meetings, newest booking first",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page of meetings",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  "{\"items\": [" + MEETING_EXAMPLE + "], \"nextCursor\": null}"))))
  Page<Meeting> list(
      Caller caller,
      @RequestParam(required = false) UUID enrolmentId,
      @RequestParam(required = false) UUID campaignId,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @RequestParam(required = false) Integer limit) {
    int size = Cursors.limit(limit);
    Cursors.Position after = cursor == null ? null : Cursors.parsePosition(cursor);
    if (enrolmentId != null && !tenancy.ownsEnrolment(caller.workspaceId(), enrolmentId)) {
      throw new NotFoundException("enrolment", enrolmentId);
    }
    List<Meeting> found =
        store.list(
            caller.workspaceId(),
            enrolmentId,
            campaignId,
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            size + 1);
    return Page.of(found, size, m -> Cursors.position(m.bookedAt(), m.id()));
  }

  @GetMapping("/api/meetings/{id}")
  @EnrolScope
  @Operation(
      summary = "One meeting",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The meeting",
              content = @Content(examples = @ExampleObject(value = MEETING_EXAMPLE))))
  Meeting get(Caller caller, @PathVariable UUID id) {
    return store.get(caller.workspaceId(), id);
  }

  /** The body is taken as bytes: the signature covers them exactly as sent. */
  @PostMapping("/api/webhooks/meetings")
  @SignedRequest
  @SecurityRequirements
  @Operation(
      summary = "Receive a booking from a calendar tool, signed",
      description =
          "Signed like every Sequor webhook (X-Sequor-Timestamp, X-Sequor-Signature: sha256=HMAC("
              + "secret, timestamp + '.' + body), secret sequor.inbound.calendar-webhook-secret)."
              + " Names the enrolment, or the invitee's email (the prospect's most recent"
              + " enrolment, within workspaceId when given). externalId is required: a retry"
              + " records nothing more. 201 recorded, 200 seen before, 404 no such enrolment,"
              + " 401 bad signature.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          {"externalId": "cal-8841", "email": "ada@example.com",
           "scheduledFor": "2027-03-09T15:00:00Z"}"""))),
      responses =
          @ApiResponse(
              responseCode = "201",
              description = "Recorded",
              content = @Content(examples = @ExampleObject(value = MEETING_EXAMPLE))))
  ResponseEntity<Meeting> calendar(
      @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signed,
      @RequestBody(required = false) byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    signature.verify(timestamp, signed, raw);
    CalendarBooking booking;
    try {
      booking = json.readValue(raw, CalendarBooking.class);
    } catch (JacksonException e) {
      throw new InvalidInputException("body", "is not a JSON booking");
    }
    List<FieldProblem> problems = new ArrayList<>();
    if (booking == null || booking.externalId() == null || booking.externalId().isBlank()) {
      problems.add(new FieldProblem("externalId", "is required"));
    }
    if (booking != null && booking.enrolmentId() == null && booking.email() == null) {
      problems.add(new FieldProblem("enrolmentId", "or email is required"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    UUID enrolmentId =
        booking.enrolmentId() != null
            ? booking.enrolmentId()
            : store
                .enrolmentOfEmail(booking.email(), booking.workspaceId())
                .orElseThrow(
                    () -> new NotFoundException("enrolment of the invitee", "(email given)"));
    UUID workspaceId =
        store
            .workspaceOf(enrolmentId)
            .filter(w -> booking.workspaceId() == null || w.equals(booking.workspaceId()))
            .orElseThrow(() -> new NotFoundException("enrolment", enrolmentId));
    return answer(
        meetings.book(
            workspaceId,
            enrolmentId,
            booking.scheduledFor(),
            booking.externalId(),
            MeetingStore.Source.CALENDAR_WEBHOOK,
            null));
  }

  private static ResponseEntity<Meeting> answer(MeetingStore.Booked booked) {
    if (!booked.created()) {
      return ResponseEntity.ok(booked.meeting());
    }
    return ResponseEntity.created(URI.create("/api/meetings/" + booked.meeting().id()))
        .body(booked.meeting());
  }
}
