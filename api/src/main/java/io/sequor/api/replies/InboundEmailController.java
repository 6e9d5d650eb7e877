package io.sequor.api.replies;

import io.sequor.api.auth.OperatorOnly;
import io.sequor.api.auth.SignedRequest;
import io.sequor.api.webhooks.WebhookSignature;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.replies.InboundEmail;
import io.sequor.domain.replies.InboundEmailIntake;
import io.sequor.domain.replies.InboundEmailStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
    name = "Inbound email",
    description = "Replies that reach Sequor over HTTP, and unmatched mail")
class InboundEmailController {

  /** Raw messages past this size are refused: replies are small, and the body is held in memory. */
  private static final int MAX_MESSAGE = 10 * 1024 * 1024;

  private final WebhookSignature signature;
  private final InboundEmailIntake intake;
  private final InboundEmailStore store;
  private final SequorClock clock;

  /**
   * Signed on the wall clock, not the engine's: the sender signs with real time, and the embedded
   * runtime's dev clock may have been moved days ahead.
   */
  InboundEmailController(
      SequorProperties properties,
      InboundEmailIntake intake,
      InboundEmailStore store,
      SequorClock clock) {
    this.signature =
        new WebhookSignature(
            properties.inbound().webhookSecret(),
            "sequor.inbound.webhook-secret",
            Duration.ofMinutes(5),
            Clock.systemUTC());
    this.intake = intake;
    this.store = store;
    this.clock = clock;
  }

  @PostMapping("/api/webhooks/inbound-email")
  @SignedRequest
  @SecurityRequirements
  @Operation(
      summary = "Receive one inbound email, signed, as its raw MIME source",
      description =
          "For an email service's inbound-parse feature (or a relay in front of it). The body is the"
              + " message exactly as received (RFC 5322), signed like every Sequor webhook:"
              + " X-Sequor-Timestamp and X-Sequor-Signature: sha256=HMAC(secret, timestamp + '.' +"
              + " body). It goes through the same classifier and matcher as IMAP: 200 when recorded,"
              + " ignored or seen before (same Message-ID), 202 when it matches no enrolment and is"
              + " kept for review, 401 for a bad signature.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "message/rfc822",
                      examples =
                          @ExampleObject(
                              value =
                                  """
          From: Ada Lovelace <ada@example.com>
          To: outreach@sequor.local
          Subject: Re: Analytical Engines after your new Head of Sales role
          Message-ID: <reply-1@example.com>
          In-Reply-To: <2d4f6a8c.email-day-1@sequor.local>

          Tuesday works."""))),
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Recorded, ignored or seen before",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          {"outcome": "RECORDED", "inboundId": "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
           "classification": "REPLY", "enrolments": ["2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c"]}"""))))
  ResponseEntity<InboundEmailIntake.Receipt> receive(
      @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signed,
      @RequestParam(required = false) String mailboxId,
      @RequestBody(required = false) byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    signature.verify(timestamp, signed, raw);
    if (raw.length == 0) {
      throw new InvalidInputException("body", "is empty; send the message's raw MIME source");
    }
    if (raw.length > MAX_MESSAGE) {
      throw new InvalidInputException("body", "is larger than 10 MB");
    }
    MimeMessage message;
    try {
      message =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
      message.getAllHeaders();
    } catch (MessagingException e) {
      throw new InvalidInputException("body", "is not an RFC 5322 message");
    }
    InboundEmailIntake.Receipt receipt =
        intake.receive(message, "WEBHOOK", mailboxId, clock.now(), "webhook:" + sha256(raw));
    return ResponseEntity.status(
            receipt.outcome() == InboundEmailIntake.Receipt.Outcome.UNMATCHED ? 202 : 200)
        .body(receipt);
  }

  @GetMapping("/api/inbound/unmatched")
  @OperatorOnly
  @Operation(
      summary = "Inbound emails that matched no enrolment, newest first, for review",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Unmatched emails",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          [{"id": "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7", "mailboxId": "default", "source": "IMAP",
            "messageId": "<hello-1@example.org>", "fromAddress": "grace@example.org",
            "subject": "Quick question", "classification": "REPLY", "reason": null, "returnAt": null,
            "status": "UNMATCHED", "matchedBy": null, "excerpt": "Saw your note to Ada...",
            "receivedAt": "2026-11-27T08:00:00Z", "recordedAt": "2026-11-27T08:00:05Z"}]"""))))
  List<InboundEmail> unmatched(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("limit", "must be between 1 and 500");
    }
    return store.unmatched(limit);
  }

  private static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
