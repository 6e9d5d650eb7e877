package io.sequor.api.webhooks;

import org.springframework.http.HttpStatus;

/** The webhook refuses a delivery before reading it; nothing was stored. */
public class WebhookRejectedException extends RuntimeException {

  private final HttpStatus status;

  private WebhookRejectedException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  static WebhookRejectedException badSignature(String why) {
    return new WebhookRejectedException(HttpStatus.UNAUTHORIZED, why);
  }

  /**
   * 503 rather than 401: a provider retries a 5xx, so events sent before the operator sets the
   * secret are delivered later instead of dropped.
   */
  static WebhookRejectedException notConfigured(String secretProperty) {
    return new WebhookRejectedException(
        HttpStatus.SERVICE_UNAVAILABLE, "this webhook is off: " + secretProperty + " is not set");
  }

  public HttpStatus status() {
    return status;
  }
}
