package io.sequor.api.dev;

import io.sequor.api.auth.OperatorOnly;
import io.sequor.domain.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@OperatorOnly
@RequestMapping("/api/dev")
@Tag(name = "Dev", description = "Embedded runtime only: clock, local mailbox, LinkedIn sandbox")
class DevController {

  private static final String MAIL_EXAMPLE =
      """
      [{"messageId": "<2d4f6a8c.email-day-1@sequor.local>", "from": "outreach@sequor.local",
        "to": "ada@example.com", "subject": "Analytical Engines after your new Head of Sales role",
        "text": "Hi Ada, ...", "receivedAt": "2026-11-27T09:00:03Z", "html": null,
        "inReplyTo": null, "references": null,
        "listUnsubscribe": "<http://localhost:8080/u/eyJlIjoiMmQ0ZiJ9.c2lnbmF0dXJl>"}]""";

  private final Optional<DevClock> clock;
  private final Optional<DevMailbox> mailbox;

  DevController(ObjectProvider<DevClock> clock, ObjectProvider<DevMailbox> mailbox) {
    this.clock = Optional.ofNullable(clock.getIfAvailable());
    this.mailbox = Optional.ofNullable(mailbox.getIfAvailable());
  }

  @Schema(example = "{\"now\": \"2026-11-29T09:00:00Z\"}")
  record ClockView(Instant now) {}

  @Schema(example = "{\"by\": \"P3D\"}")
  record Advance(Duration by) {}

  @GetMapping("/clock")
  @Operation(
      summary = "The engine's current time",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The engine's time",
              content =
                  @Content(
                      examples = @ExampleObject(value = "{\"now\": \"2026-11-26T09:00:00Z\"}"))))
  ResponseEntity<?> now() {
    return clock
        .<ResponseEntity<?>>map(c -> ResponseEntity.ok(new ClockView(c.now())))
        .orElseGet(DevProblems::notEmbedded);
  }

  @PostMapping("/clock/advance")
  @Operation(
      summary = "Advance the engine's clock",
      description = "Body {\"by\": \"P3D\"}. Every timer due on the way fires, in order.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The engine's time after the advance",
              content =
                  @Content(
                      examples = @ExampleObject(value = "{\"now\": \"2026-11-29T09:00:00Z\"}"))))
  ResponseEntity<?> advance(@RequestBody Advance request) {
    if (clock.isEmpty()) {
      return DevProblems.notEmbedded();
    }
    if (request.by() == null) {
      throw new InvalidInputException("by", "is required, an ISO-8601 duration like P3D");
    }
    if (request.by().isNegative() || request.by().isZero()) {
      throw new InvalidInputException("by", "must be positive; time only moves forward");
    }
    if (request.by().compareTo(Duration.ofDays(400)) > 0) {
      throw new InvalidInputException("by", "must be at most P400D per call");
    }
    return ResponseEntity.ok(new ClockView(clock.get().advance(request.by())));
  }

  @GetMapping("/mailbox")
  @Operation(
      summary = "Emails the local mailbox received, optionally for one recipient",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Emails received, oldest first",
              content = @Content(examples = @ExampleObject(value = MAIL_EXAMPLE))))
  ResponseEntity<?> mailbox(@RequestParam(required = false) String to) {
    if (mailbox.isEmpty()) {
      return DevProblems.notEmbedded();
    }
    List<DevMailbox.Mail> mails =
        mailbox.get().messages().stream()
            .filter(m -> to == null || to.equalsIgnoreCase(m.to()))
            .toList();
    return ResponseEntity.ok(mails);
  }
}
