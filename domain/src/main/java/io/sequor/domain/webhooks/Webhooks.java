package io.sequor.domain.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What the API does to subscriptions: the store change, then the workflow told of it. */
@Service
public class Webhooks {

  private final WebhookStore store;
  private final WebhookWorkflows workflows;

  Webhooks(WebhookStore store, WebhookWorkflows workflows) {
    this.store = store;
    this.workflows = workflows;
  }

  public WebhookStore.Created create(
      UUID workspaceId, String url, List<String> events, String description) {
    WebhookStore.Created created = store.create(workspaceId, url, events, description);
    workflows.ensure(created.subscription().id());
    return created;
  }

  public void delete(UUID workspaceId, UUID id) {
    store.delete(workspaceId, id);
    workflows.wake(id);
  }

  public Subscription enable(UUID workspaceId, UUID id) {
    Subscription enabled = store.enable(workspaceId, id);
    workflows.wake(id);
    return enabled;
  }

  public int replay(UUID workspaceId, UUID id, Instant from, Instant to) {
    int queued = store.replay(workspaceId, id, from, to);
    workflows.wake(id);
    return queued;
  }
}
