package io.sequor.worker.webhooks;

import io.sequor.domain.webhooks.WebhookStore;
import io.sequor.domain.webhooks.WebhookWorkflows;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Makes sure every subscription has its delivery workflow running when a worker starts. */
@Component
class WebhookStarter {

  private static final Logger log = LoggerFactory.getLogger(WebhookStarter.class);

  private final WebhookStore store;
  private final WebhookWorkflows workflows;

  WebhookStarter(WebhookStore store, WebhookWorkflows workflows) {
    this.store = store;
    this.workflows = workflows;
  }

  @EventListener(ApplicationReadyEvent.class)
  void startDeliveries() {
    int started = 0;
    for (UUID id : store.allIds()) {
      try {
        workflows.ensure(id);
        started++;
      } catch (RuntimeException e) {
        log.warn("webhook {}: delivery workflow not started ({})", id, e.toString());
      }
    }
    if (started > 0) {
      log.info("delivering to {} webhook subscription(s)", started);
    }
  }
}
