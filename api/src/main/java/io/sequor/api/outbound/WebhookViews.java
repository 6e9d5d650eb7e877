package io.sequor.api.outbound;

import io.sequor.domain.webhooks.Delivery;
import io.sequor.domain.webhooks.Subscription;
import io.sequor.domain.webhooks.WebhookStore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the webhooks API. */
final class WebhookViews {
  private WebhookViews() {}

  private static final String EXAMPLE_ID = "7b0f6a52-3c1e-4c55-9b55-0d3f1f3bb1a1";
  private static final String EXAMPLE_URL = "https://crm.example.com/hooks/sequor";

  @Schema(
      name = "WebhookCreate",
      description = "A new subscription",
      example =
          """
          {"url": "https://crm.example.com/hooks/sequor", "events": ["response.replied", "enrolment.finished"],
           "description": "CRM sync"}""")
  record Create(
      @Schema(
              description =
                  "Where events are posted: https, or http for localhost (or anywhere when"
                      + " sequor.webhooks.allow-http is set)",
              example = EXAMPLE_URL)
          String url,
      @Schema(
              description = "The event types to receive",
              example = "[\"response.replied\", \"enrolment.finished\"]")
          List<String> events,
      @Schema(description = "A note for people; up to 500 characters", example = "CRM sync")
          String description) {}

  @Schema(
      name = "WebhookUpdate",
      description = "Changes to a subscription; what is left out stays as it is",
      example =
          """
          {"events": ["step.sent", "response.replied"], "description": "CRM sync, replies and sends"}""")
  record Update(
      @Schema(example = EXAMPLE_URL) String url,
      @Schema(example = "[\"step.sent\", \"response.replied\"]") List<String> events,
      @Schema(example = "CRM sync, replies and sends") String description) {}

  @Schema(
      description = "The time range of events to deliver again: from inclusive, to exclusive",
      example = "{\"from\": \"2026-11-20T00:00:00Z\", \"to\": \"2026-11-21T00:00:00Z\"}")
  record Replay(
      @Schema(example = "2026-11-20T00:00:00Z") Instant from,
      @Schema(example = "2026-11-21T00:00:00Z") Instant to) {}

  @Schema(description = "How many events a replay queued", example = "{\"queued\": 42}")
  record Replayed(@Schema(example = "42") int queued) {}

  @Schema(
      name = "WebhookView",
      description = "A webhook subscription; its secret is never shown again after creation",
      example =
          """
          {"id": "7b0f6a52-3c1e-4c55-9b55-0d3f1f3bb1a1", "url": "https://crm.example.com/hooks/sequor",
           "events": ["response.replied", "enrolment.finished"], "description": "CRM sync",
           "status": "ENABLED", "disabledReason": null, "disabledAt": null,
           "createdAt": "2026-11-20T09:00:00Z", "updatedAt": "2026-11-20T09:00:00Z"}""")
  record View(
      @Schema(example = EXAMPLE_ID) UUID id,
      @Schema(example = EXAMPLE_URL) String url,
      @Schema(example = "[\"response.replied\", \"enrolment.finished\"]") List<String> events,
      @Schema(example = "CRM sync") String description,
      @Schema(
              description = "DISABLED after a delivery gave up; events still queue meanwhile",
              example = "ENABLED")
          Subscription.Status status,
      @Schema(
              description = "Why it was disabled",
              example =
                  "event 0b6c0e5e-8f0e-4d7b-a4c9-4f1e2a1f9e11 was not delivered after 24"
                      + " attempt(s); last: HTTP 503")
          String disabledReason,
      @Schema(example = "2026-11-24T08:15:00Z") Instant disabledAt,
      @Schema(example = "2026-11-20T09:00:00Z") Instant createdAt,
      @Schema(example = "2026-11-20T09:00:00Z") Instant updatedAt) {

    static View of(Subscription s) {
      return new View(
          s.id(),
          s.url(),
          s.events(),
          s.description(),
          s.status(),
          s.disabledReason(),
          s.disabledAt(),
          s.createdAt(),
          s.updatedAt());
    }
  }

  @Schema(
      description = "A created subscription, with its signing secret: shown this once",
      example =
          """
          {"id": "7b0f6a52-3c1e-4c55-9b55-0d3f1f3bb1a1", "url": "https://crm.example.com/hooks/sequor",
           "events": ["response.replied", "enrolment.finished"], "description": "CRM sync",
           "status": "ENABLED", "createdAt": "2026-11-20T09:00:00Z",
           "secret": "whsec_q3Jt0n2mZl8a5m0tqVvO2m3Xr1Qd9uD4p6cY7bH2kEw"}""")
  record Created(
      @Schema(example = EXAMPLE_ID) UUID id,
      @Schema(example = EXAMPLE_URL) String url,
      @Schema(example = "[\"response.replied\", \"enrolment.finished\"]") List<String> events,
      @Schema(example = "CRM sync") String description,
      @Schema(example = "ENABLED") Subscription.Status status,
      @Schema(example = "2026-11-20T09:00:00Z") Instant createdAt,
      @Schema(
              description =
                  "The HMAC-SHA256 key of the Sequor-Signature header (its UTF-8 bytes). Keep it;"
                      + " it is stored encrypted and never shown again",
              example = "whsec_q3Jt0n2mZl8a5m0tqVvO2m3Xr1Qd9uD4p6cY7bH2kEw")
          String secret) {

    static Created of(WebhookStore.Created c) {
      Subscription s = c.subscription();
      return new Created(
          s.id(), s.url(), s.events(), s.description(), s.status(), s.createdAt(), c.secret());
    }
  }

  @Schema(description = "One event's delivery to the subscription")
  record DeliveryView(
      @Schema(example = "1042") long id,
      @Schema(
              description = "The Sequor-Event-Id receivers deduplicate on",
              example = "0b6c0e5e-8f0e-4d7b-a4c9-4f1e2a1f9e11")
          UUID eventId,
      @Schema(example = "response.replied") String eventType,
      @Schema(example = "DELIVERED") Delivery.Status status,
      @Schema(description = "Queued by a replay", example = "false") boolean replay,
      @Schema(example = "3") int attempts,
      @Schema(
              description = "The receiver's last HTTP status; null when unreachable",
              example = "200")
          Integer lastStatusCode,
      @Schema(description = "Why the last attempt failed", example = "HTTP 503") String lastError,
      @Schema(example = "2026-11-20T09:03:10Z") Instant lastAttemptAt,
      @Schema(
              description = "When the next retry is due, if one is",
              example = "2026-11-20T09:03:50Z")
          Instant nextAttemptAt,
      @Schema(example = "2026-11-20T09:03:10Z") Instant deliveredAt,
      @Schema(example = "2026-11-20T09:02:55Z") Instant createdAt) {

    static DeliveryView of(Delivery d) {
      return new DeliveryView(
          d.id(),
          d.eventId(),
          d.eventType(),
          d.status(),
          d.replay(),
          d.attempts(),
          d.lastStatusCode(),
          d.lastError(),
          d.lastAttemptAt(),
          d.nextAttemptAt(),
          d.deliveredAt(),
          d.createdAt());
    }
  }

  @Schema(
      description = "A page of the delivery log, newest first",
      example =
          """
          {"deliveries": [
             {"id": 1042, "eventId": "0b6c0e5e-8f0e-4d7b-a4c9-4f1e2a1f9e11", "eventType": "response.replied",
              "status": "DELIVERED", "replay": false, "attempts": 2, "lastStatusCode": 200,
              "lastError": null, "lastAttemptAt": "2026-11-20T09:03:10Z", "nextAttemptAt": null,
              "deliveredAt": "2026-11-20T09:03:10Z", "createdAt": "2026-11-20T09:02:55Z"}],
           "nextCursor": "1041"}""")
  record DeliveryPage(
      List<DeliveryView> deliveries,
      @Schema(
              description = "Pass as cursor for the next page; null on the last page",
              example = "1001")
          String nextCursor) {}
}
