package io.sequor.api.linkedin;

import io.sequor.domain.linkedin.LinkedInEvent;
import io.sequor.domain.linkedin.LinkedInEventIntake;
import io.sequor.domain.linkedin.LinkedInEventStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Hands verified provider events to the domain's {@link LinkedInEventIntake}, which dedupes,
 * matches and records them; types Sequor does not act on are answered and dropped here.
 */
@Service
class LinkedInWebhookService {

  private static final Logger log = LoggerFactory.getLogger(LinkedInWebhookService.class);

  private final LinkedInEventIntake intake;
  private final LinkedInEventStore events;

  LinkedInWebhookService(LinkedInEventIntake intake, LinkedInEventStore events) {
    this.intake = intake;
    this.events = events;
  }

  Receipt receive(InboundEvent event) {
    if (event.type().isEmpty()) {
      log.debug("LinkedIn event {} of type {} ignored", event.id(), event.typeName());
      return Receipt.of(Receipt.Outcome.IGNORED, event.id());
    }
    EventType type = event.type().get();
    LinkedInEventIntake.Receipt receipt =
        intake.receive(
            new LinkedInEventIntake.Inbound(
                event.id(),
                type.wireName(),
                type.kind(),
                event.relatedMessageId(),
                event.relatedChatId(),
                event.occurredAt(),
                null,
                event.text()));
    return new Receipt(
        Receipt.Outcome.valueOf(receipt.outcome().name()),
        event.id(),
        receipt.enrolmentId(),
        receipt.responseId());
  }

  List<LinkedInEvent> unmatched(int limit) {
    return events.unmatched(limit);
  }
}
