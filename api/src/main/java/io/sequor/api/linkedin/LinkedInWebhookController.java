package io.sequor.api.linkedin;

import io.sequor.api.auth.OperatorOnly;
import io.sequor.api.auth.SignedRequest;
import io.sequor.api.webhooks.WebhookSignature;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.linkedin.LinkedInEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/webhooks/linkedin")
@Tag(name = "Webhooks", description = "Events a LinkedIn provider pushes: replies and acceptances")
class LinkedInWebhookController {

  private final WebhookSignature signature;
  private final LinkedInWebhookService service;
  private final JsonMapper json;

  LinkedInWebhookController(
      @Qualifier("linkedInWebhookSignature") WebhookSignature signature,
      LinkedInWebhookService service,
      JsonMapper json) {
    this.signature = signature;
    this.service = service;
    this.json = json;
  }

  /** An unmatched event as listed for review. */
  @Schema(
      example =
          """
          {"eventId": "evt_07", "type": "message.received", "relatedMessageId": "msg_unknown",
           "relatedChatId": null, "occurredAt": "2026-11-27T08:59:30Z",
           "receivedAt": "2026-11-27T08:59:31Z", "text": "Who is this?"}""")
  record UnmatchedEvent(
      String eventId,
      String type,
      String relatedMessageId,
      String relatedChatId,
      Instant occurredAt,
      Instant receivedAt,
      String text) {

    static UnmatchedEvent of(LinkedInEvent e) {
      return new UnmatchedEvent(
          e.eventId(),
          e.type(),
          e.relatedMessageId(),
          e.relatedChatId(),
          e.occurredAt(),
          e.receivedAt(),
          e.text());
    }
  }

  /** The body is taken as bytes: the signature covers them exactly as sent. */
  @PostMapping
  @SignedRequest
  @SecurityRequirements
  @Operation(
      summary = "Receive a signed provider event",
      description =
          "200 when recorded, or when this event id was received before; 202 when it matches no"
              + " send and is kept for review; 401 when the signature or timestamp is wrong."
              + " See docs/linkedin-provider.md.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              value =
                                  """
          {"id": "evt_01", "type": "message.received", "occurred_at": "2026-11-27T08:59:30Z",
           "related": {"message_id": "msg_42", "chat_id": "chat_9"}, "text": "Tuesday works."}"""))))
  ResponseEntity<Receipt> receive(
      @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signed,
      @RequestBody(required = false) byte[] body) {
    byte[] raw = body == null ? new byte[0] : body;
    signature.verify(timestamp, signed, raw);
    Receipt receipt = service.receive(InboundEvent.parse(json, raw));
    return ResponseEntity.status(receipt.outcome() == Receipt.Outcome.UNMATCHED ? 202 : 200)
        .body(receipt);
  }

  @GetMapping("/unmatched")
  @OperatorOnly
  @Operation(summary = "Events that matched no send, newest first, for a person to review")
  List<UnmatchedEvent> unmatched(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("limit", "must be between 1 and 500");
    }
    return service.unmatched(limit).stream().map(UnmatchedEvent::of).toList();
  }
}
