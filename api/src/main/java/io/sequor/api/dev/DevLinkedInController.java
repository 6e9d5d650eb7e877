package io.sequor.api.dev;

import io.sequor.api.auth.OperatorOnly;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.workflows.enrolment.ResponseKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sets how the embedded runtime's simulated LinkedIn treats a member: Open Profile, refusing
 * InMail, and answers it plays back after a delay on the engine's clock. Profiles are named by URL
 * in the query ({@code ?url=}), since profile URLs contain slashes.
 */
@RestController
@OperatorOnly
@RequestMapping("/api/dev/linkedin/profiles")
@Tag(name = "Dev", description = "Embedded runtime only: clock, local mailbox, LinkedIn sandbox")
class DevLinkedInController {

  private static final String PROFILE_EXAMPLE =
      """
      {"url": "https://www.linkedin.com/in/ada-example", "openProfile": false,
       "blocksInMail": false,
       "script": [{"on": "INMAIL", "respond": "REPLY", "after": "PT4H", "text": "Tuesday works.",
                   "returnAt": null, "firedBy": null, "landsAt": null}]}""";

  private static final String PROFILES_EXAMPLE =
      """
      [{"url": "https://www.linkedin.com/in/ada-example", "openProfile": false,
       "blocksInMail": false,
       "script": [{"on": "INMAIL", "respond": "REPLY", "after": "PT4H", "text": "Tuesday works.",
                   "returnAt": null, "firedBy": null, "landsAt": null}]}]""";

  /** What a LinkedIn member can do in answer to a send; a bounce is email's. */
  private static final Set<ResponseKind> ANSWERS =
      EnumSet.of(
          ResponseKind.REPLY,
          ResponseKind.INMAIL_ACCEPTED,
          ResponseKind.INMAIL_DECLINED,
          ResponseKind.INVITATION_ACCEPTED,
          ResponseKind.AUTO_REPLY,
          ResponseKind.UNSUBSCRIBE);

  private static final Duration MAX_DELAY = Duration.ofDays(365);
  private static final int MAX_ENTRIES = 20;
  private static final int MAX_TEXT = 2000;

  private final Optional<DevLinkedIn> sandbox;
  private final Optional<DevClock> clock;

  DevLinkedInController(ObjectProvider<DevLinkedIn> sandbox, ObjectProvider<DevClock> clock) {
    this.sandbox = Optional.ofNullable(sandbox.getIfAvailable());
    this.clock = Optional.ofNullable(clock.getIfAvailable());
  }

  @Schema(
      description = "How the sandbox treats one member; what is left out is false or empty",
      example =
          """
          {"openProfile": false, "blocksInMail": false,
           "script": [{"on": "INMAIL", "respond": "REPLY", "after": "PT4H", "text": "Tuesday works."}]}""")
  record ProfileRequest(
      @Schema(description = "An InMail to this member costs no credit") Boolean openProfile,
      @Schema(description = "This member refuses InMail: the step follows its no-credit policy")
          Boolean blocksInMail,
      @Schema(description = "Answers the member gives, each once, to the first matching send")
          List<ScriptRequest> script) {}

  @Schema(description = "One scripted answer")
  record ScriptRequest(
      @Schema(
              description = "The send it answers; ANY when left out",
              allowableValues = {"INMAIL", "CONNECT", "MESSAGE", "ANY"})
          String on,
      @Schema(
              description = "What the member does",
              allowableValues = {
                "REPLY",
                "INMAIL_ACCEPTED",
                "INMAIL_DECLINED",
                "INVITATION_ACCEPTED",
                "AUTO_REPLY",
                "UNSUBSCRIBE"
              })
          String respond,
      @Schema(
              description =
                  "How long after the send it lands, on the engine's clock (ISO-8601); PT0S when"
                      + " left out",
              example = "PT4H")
          String after,
      @Schema(description = "What the member writes") String text,
      @Schema(description = "AUTO_REPLY only: the return date the out-of-office names")
          Instant returnAt) {}

  @GetMapping
  @Operation(
      summary = "How the LinkedIn sandbox treats members",
      description =
          "With ?url=, that member (the default behaviour when nothing was set); without, every"
              + " member whose behaviour was configured or set.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description =
                  "Without ?url=, every configured member; with it, that member (one object)",
              content = @Content(examples = @ExampleObject(value = PROFILES_EXAMPLE))))
  ResponseEntity<?> get(@RequestParam(required = false) String url) {
    Optional<ResponseEntity<?>> refused = refused();
    if (refused.isPresent()) {
      return refused.get();
    }
    if (url == null) {
      return ResponseEntity.ok(sandbox.get().profiles());
    }
    return ResponseEntity.ok(sandbox.get().profile(profileUrl(url)));
  }

  @PutMapping
  @Operation(
      summary = "Set how the LinkedIn sandbox treats a member",
      description =
          "Replaces the member's behaviour. Each script entry fires once, on the first send of"
              + " its kind to the member after this call, and lands 'after' later on the engine's"
              + " clock, as a provider's webhook event would: it stops, pauses or refunds exactly"
              + " like a real answer.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The member's behaviour now",
              content = @Content(examples = @ExampleObject(value = PROFILE_EXAMPLE))))
  ResponseEntity<?> put(
      @RequestParam(required = false) String url,
      @RequestBody(required = false) ProfileRequest request) {
    Optional<ResponseEntity<?>> refused = refused();
    if (refused.isPresent()) {
      return refused.get();
    }
    return ResponseEntity.ok(sandbox.get().set(profile(url, request)));
  }

  @DeleteMapping
  @Operation(
      summary = "Reset a member to the configured behaviour (sandbox-*-profiles)",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The member's behaviour after the reset",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  "{\"url\": \"https://www.linkedin.com/in/ada-example\", \"openProfile\": false, \"blocksInMail\": false, \"script\": []}"))))
  ResponseEntity<?> reset(@RequestParam(required = false) String url) {
    Optional<ResponseEntity<?>> refused = refused();
    if (refused.isPresent()) {
      return refused.get();
    }
    return ResponseEntity.ok(sandbox.get().reset(profileUrl(url)));
  }

  private Optional<ResponseEntity<?>> refused() {
    if (sandbox.isEmpty() || clock.isEmpty()) {
      return Optional.of(DevProblems.notEmbedded());
    }
    return sandbox.get().unavailable().map(DevProblems::sandboxNotInUse);
  }

  private DevLinkedIn.Profile profile(String url, ProfileRequest given) {
    ProfileRequest request = given == null ? new ProfileRequest(null, null, null) : given;
    List<FieldProblem> problems = new ArrayList<>();
    String profileUrl = null;
    try {
      profileUrl = profileUrl(url);
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
    List<ScriptRequest> script = request.script() == null ? List.of() : request.script();
    if (script.size() > MAX_ENTRIES) {
      problems.add(new FieldProblem("script", "has more than " + MAX_ENTRIES + " entries"));
    }
    List<DevLinkedIn.Scripted> entries = new ArrayList<>();
    for (int i = 0; i < script.size(); i++) {
      entries.add(entry("script[" + i + "]", script.get(i), problems));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new DevLinkedIn.Profile(
        profileUrl,
        Boolean.TRUE.equals(request.openProfile()),
        Boolean.TRUE.equals(request.blocksInMail()),
        entries);
  }

  private DevLinkedIn.Scripted entry(String at, ScriptRequest entry, List<FieldProblem> problems) {
    if (entry == null) {
      problems.add(new FieldProblem(at, "must be an object like {\"respond\": \"REPLY\"}"));
      return null;
    }
    DevLinkedIn.Trigger on =
        entry.on() == null
            ? DevLinkedIn.Trigger.ANY
            : parse(
                entry.on(),
                DevLinkedIn.Trigger.class,
                EnumSet.allOf(DevLinkedIn.Trigger.class),
                at + ".on",
                problems);
    ResponseKind respond = null;
    if (entry.respond() == null) {
      problems.add(new FieldProblem(at + ".respond", "is required: one of " + names(ANSWERS)));
    } else {
      respond = parse(entry.respond(), ResponseKind.class, ANSWERS, at + ".respond", problems);
    }
    Duration after = delay(at + ".after", entry.after(), problems);
    if (entry.text() != null && entry.text().length() > MAX_TEXT) {
      problems.add(new FieldProblem(at + ".text", "is longer than " + MAX_TEXT + " characters"));
    }
    if (entry.returnAt() != null) {
      if (respond != null && respond != ResponseKind.AUTO_REPLY) {
        problems.add(new FieldProblem(at + ".returnAt", "only an AUTO_REPLY has a return date"));
      } else if (after != null && !entry.returnAt().isAfter(clock.get().now().plus(after))) {
        problems.add(
            new FieldProblem(
                at + ".returnAt",
                "must be after the answer lands: later than now ("
                    + clock.get().now()
                    + ") plus 'after'"));
      }
    }
    return new DevLinkedIn.Scripted(on, respond, after, entry.text(), entry.returnAt(), null, null);
  }

  private static Duration delay(String at, String text, List<FieldProblem> problems) {
    if (text == null) {
      return Duration.ZERO;
    }
    Duration after;
    try {
      after = Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(
          new FieldProblem(at, "'" + text + "' is not an ISO-8601 duration like PT4H or P2D"));
      return null;
    }
    if (after.isNegative()) {
      problems.add(new FieldProblem(at, "must not be negative; an answer follows its send"));
      return null;
    }
    if (after.compareTo(MAX_DELAY) > 0) {
      problems.add(new FieldProblem(at, "must be at most " + MAX_DELAY));
      return null;
    }
    return after;
  }

  private static <E extends Enum<E>> E parse(
      String text, Class<E> type, Set<E> allowed, String at, List<FieldProblem> problems) {
    Optional<E> value =
        Arrays.stream(type.getEnumConstants())
            .filter(c -> c.name().equals(text.strip().toUpperCase(Locale.ROOT)))
            .filter(allowed::contains)
            .findFirst();
    if (value.isEmpty()) {
      problems.add(new FieldProblem(at, "'" + text + "' is not one of " + names(allowed)));
    }
    return value.orElse(null);
  }

  private static String names(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The member's URL as prospects' URLs are stored, so it matches theirs however it is spelled. */
  private static String profileUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidInputException(
          "url",
          "is required: the member's profile URL, as ?url=https://www.linkedin.com/in/ada-example");
    }
    return ProspectStore.normaliseLinkedIn(url)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "url", "must be a LinkedIn profile URL like linkedin.com/in/jane-doe"));
  }
}
