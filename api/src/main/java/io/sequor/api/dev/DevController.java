package io.sequor.api.dev;

import io.sequor.api.auth.OperatorOnly;
import io.sequor.domain.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
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

  private final Optional<DevClock> clock;
  private final Optional<DevMailbox> mailbox;

  DevController(ObjectProvider<DevClock> clock, ObjectProvider<DevMailbox> mailbox) {
    this.clock = Optional.ofNullable(clock.getIfAvailable());
    this.mailbox = Optional.ofNullable(mailbox.getIfAvailable());
  }

  record ClockView(Instant now) {}

  record Advance(Duration by) {}

  @GetMapping("/clock")
  @Operation(summary = "The engine's current time")
  ResponseEntity<?> now() {
    return clock
        .<ResponseEntity<?>>map(c -> ResponseEntity.ok(new ClockView(c.now())))
        .orElseGet(DevProblems::notEmbedded);
  }

  @PostMapping("/clock/advance")
  @Operation(
      summary = "Advance the engine's clock",
      description = "Body {\"by\": \"P3D\"}. Every timer due on the way fires, in order.")
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
  @Operation(summary = "Emails the local mailbox received, optionally for one recipient")
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
