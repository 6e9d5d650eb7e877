package io.sequor.api.outbound;

import io.sequor.api.auth.Caller;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.webhooks.Delivery;
import io.sequor.domain.webhooks.WebhookStore;
import io.sequor.domain.webhooks.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/webhooks")
@Tag(
    name = "Webhooks",
    description =
        "Outbound webhooks: events posted to your URL, signed with HMAC-SHA256, retried with"
            + " backoff, with a delivery log. See docs/webhooks.md for verifying a signature.")
class WebhooksController {

  private final Webhooks webhooks;
  private final WebhookStore store;

  WebhooksController(Webhooks webhooks, WebhookStore store) {
    this.webhooks = webhooks;
    this.store = store;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Subscribe a URL to events",
      description =
          "Answers the signing secret, this once. Events of the chosen types that happen from now"
              + " on are posted to the URL in order, each with Sequor-Event-Id, Sequor-Timestamp"
              + " and Sequor-Signature headers.")
  ResponseEntity<WebhookViews.Created> create(
      @RequestBody WebhookViews.Create request, Caller caller) {
    WebhookStore.Created created =
        webhooks.create(
            caller.workspaceId(), request.url(), request.events(), request.description());
    return ResponseEntity.created(URI.create("/api/webhooks/" + created.subscription().id()))
        .body(WebhookViews.Created.of(created));
  }

  @GetMapping
  @Operation(
      summary = "The workspace's subscriptions",
      description = "Oldest first, without their secrets.")
  List<WebhookViews.View> list(Caller caller) {
    return store.list(caller.workspaceId()).stream().map(WebhookViews.View::of).toList();
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "A subscription",
      description = "Its status; when DISABLED, why and since when.")
  WebhookViews.View get(@PathVariable UUID id, Caller caller) {
    return WebhookViews.View.of(store.get(caller.workspaceId(), id));
  }

  @PatchMapping("/{id}")
  @Operation(
      summary = "Change a subscription's URL, events or description",
      description =
          "Only the fields given change. New event types apply to events from now on; the"
              + " secret stays the same.")
  WebhookViews.View update(
      @PathVariable UUID id, @RequestBody WebhookViews.Update request, Caller caller) {
    return WebhookViews.View.of(
        store.update(
            caller.workspaceId(), id, request.url(), request.events(), request.description()));
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary = "Delete a subscription",
      description = "Nothing more is delivered; its delivery log goes with it. Answers 204.")
  ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
    webhooks.delete(caller.workspaceId(), id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/enable")
  @Operation(
      summary = "Enable a disabled subscription",
      description =
          "Deliveries resume with the event that gave up, then every event that queued while it"
              + " was disabled, in order.")
  WebhookViews.View enable(@PathVariable UUID id, Caller caller) {
    return WebhookViews.View.of(webhooks.enable(caller.workspaceId(), id));
  }

  @PostMapping("/{id}/replay")
  @Operation(
      summary = "Deliver a time range's events again",
      description =
          "Queues every event of the subscription's types that occurred in [from, to), in order,"
              + " under the same event ids as before, so a receiver that deduplicates sees each"
              + " once. Answers 202 with how many were queued.")
  ResponseEntity<WebhookViews.Replayed> replay(
      @PathVariable UUID id, @RequestBody WebhookViews.Replay request, Caller caller) {
    int queued = webhooks.replay(caller.workspaceId(), id, request.from(), request.to());
    return ResponseEntity.accepted().body(new WebhookViews.Replayed(queued));
  }

  @GetMapping("/{id}/deliveries")
  @Operation(
      summary = "The delivery log",
      description =
          "Newest first: each event's attempts, last status code or error, next attempt and"
              + " delivery time. Pass nextCursor back as cursor for the next page.")
  WebhookViews.DeliveryPage deliveries(
      @PathVariable UUID id,
      @Parameter(description = "PENDING, DELIVERED or FAILED", example = "FAILED")
          @RequestParam(required = false)
          String status,
      @Parameter(description = "nextCursor of the page before") @RequestParam(required = false)
          String cursor,
      @Parameter(description = "1 to 500", example = "50") @RequestParam(defaultValue = "50")
          int limit,
      Caller caller) {
    WebhookStore.Page page =
        store.deliveries(caller.workspaceId(), id, parseStatus(status), cursor, limit);
    return new WebhookViews.DeliveryPage(
        page.deliveries().stream().map(WebhookViews.DeliveryView::of).toList(), page.nextCursor());
  }

  private static Delivery.Status parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return Delivery.Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "status", "is not one of " + Arrays.toString(Delivery.Status.values()));
    }
  }
}
