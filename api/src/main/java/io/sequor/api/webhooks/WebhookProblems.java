package io.sequor.api.webhooks;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused webhook delivery as a problem: 401 for a bad signature, 503 when the hook is off. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems {

  private static final Logger log = LoggerFactory.getLogger(WebhookProblems.class);

  @ExceptionHandler(WebhookRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(WebhookRejectedException e) {
    log.warn("webhook delivery refused: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    boolean off = e.status().is5xxServerError();
    problem.setType(
        URI.create("https://sequor.dev/problems/" + (off ? "webhook-off" : "bad-signature")));
    problem.setTitle(off ? "Webhook not configured" : "Signature rejected");
    return ResponseEntity.status(e.status()).body(problem);
  }
}
