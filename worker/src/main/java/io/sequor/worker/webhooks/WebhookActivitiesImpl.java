package io.sequor.worker.webhooks;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.events.Event;
import io.sequor.domain.webhooks.Delivery;
import io.sequor.domain.webhooks.ReceiverAddresses;
import io.sequor.domain.webhooks.Subscription;
import io.sequor.domain.webhooks.WebhookSignature;
import io.sequor.domain.webhooks.WebhookStore;
import io.sequor.workflows.webhooks.PendingDeliveries;
import io.sequor.workflows.webhooks.WebhookActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

@Component("webhookActivities")
class WebhookActivitiesImpl implements WebhookActivities {

  private static final Logger log = LoggerFactory.getLogger(WebhookActivitiesImpl.class);

  private final WebhookStore store;
  private final JsonMapper json;
  private final SequorClock clock;
  private final SequorProperties.Webhooks settings;
  private final HttpClient http;

  WebhookActivitiesImpl(
      WebhookStore store, JsonMapper json, SequorClock clock, SequorProperties properties) {
    this.store = store;
    this.json = json;
    this.clock = clock;
    this.settings = properties.webhooks();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public PendingDeliveries nextDeliveries(String subscriptionId, int limit) {
    UUID id = UUID.fromString(subscriptionId);
    return store
        .find(id)
        .map(
            s ->
                s.status() == Subscription.Status.ENABLED
                    ? new PendingDeliveries(true, true, store.pending(id, limit))
                    : new PendingDeliveries(true, false, List.of()))
        .orElse(new PendingDeliveries(false, false, List.of()));
  }

  @Override
  public void deliverEvent(long deliveryId) {
    var pending = store.job(deliveryId);
    if (pending.isEmpty()) {
      return;
    }
    WebhookStore.Job job = pending.get();
    String body = json.writeValueAsString(body(job.event()));
    // The receiver checks the timestamp against its own clock, so it is real time, not engine
    // time (which the embedded runtime's dev clock moves ahead).
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(job.url()))
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Sequor-Webhooks/1")
            .header("Sequor-Event-Id", job.event().id().toString())
            .header("Sequor-Timestamp", String.valueOf(timestamp))
            .header(
                "Sequor-Signature", WebhookSignature.sign(job.secret().reveal(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    Integer status = null;
    String error =
        settings.allowPrivateAddresses()
            ? null
            : ReceiverAddresses.forbidden(request.uri().getHost())
                .map(reason -> "not sent: " + reason)
                .orElse(null);
    try {
      if (error == null) {
        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        error = status / 100 == 2 ? null : "HTTP " + status;
      }
    } catch (HttpTimeoutException e) {
      error = "timed out after " + settings.requestTimeout();
    } catch (ConnectException e) {
      error = "connection refused or unreachable";
    } catch (IOException e) {
      error = "connection failed: " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering", e);
    }
    Instant now = clock.now();
    if (error == null) {
      store.attempted(deliveryId, true, status, null, now, null);
      return;
    }
    store.attempted(deliveryId, false, status, error, now, nextAttempt(now));
    log.info(
        "webhook {}: event {} not delivered ({}), attempt {}",
        job.subscriptionId(),
        job.event().id(),
        error,
        job.attempts() + 1);
    throw ApplicationFailure.newFailure(error, "WebhookNotDelivered");
  }

  @Override
  public void giveUpSubscription(String subscriptionId, long deliveryId) {
    Delivery delivery = store.delivery(deliveryId).orElse(null);
    String reason =
        delivery == null
            ? "a delivery gave up"
            : "event "
                + delivery.eventId()
                + " was not delivered after "
                + delivery.attempts()
                + " attempt(s); last: "
                + (delivery.lastError() == null ? "no answer" : delivery.lastError());
    store.giveUp(UUID.fromString(subscriptionId), deliveryId, reason);
    log.warn("webhook {} disabled: {}", subscriptionId, reason);
  }

  /** The body receivers get: {@code {id, type, occurredAt, workspaceId, data}}. */
  static Map<String, Object> body(Event event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", event.id().toString());
    body.put("type", event.type());
    body.put("occurredAt", event.occurredAt().toString());
    body.put("workspaceId", event.workspaceId().toString());
    body.put("data", event.data());
    return body;
  }

  /** When Temporal retries, per the retry policy; null when this was the last attempt. */
  private Instant nextAttempt(Instant now) {
    var info = Activity.getExecutionContext().getInfo();
    int attempt = info.getAttempt();
    if (settings.maxAttempts() > 0 && attempt >= settings.maxAttempts()) {
      return null;
    }
    double factor = Math.pow(settings.backoffCoefficient(), attempt - 1);
    long millis = (long) Math.min(settings.initialInterval().toMillis() * factor, Long.MAX_VALUE);
    Duration wait = Duration.ofMillis(Math.min(millis, settings.maxInterval().toMillis()));
    Instant next = now.plus(wait);
    Instant firstScheduled =
        info.getScheduledTimestamp() > 0 ? Instant.ofEpochMilli(info.getScheduledTimestamp()) : now;
    return next.isAfter(firstScheduled.plus(settings.giveUpAfter())) ? null : next;
  }
}
