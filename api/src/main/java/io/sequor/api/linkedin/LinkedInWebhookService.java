package io.sequor.api.linkedin;

import io.sequor.api.enrolments.ResponseIntake;
import io.sequor.domain.config.SequorClock;
import io.sequor.domain.linkedin.LinkedInEvent;
import io.sequor.domain.linkedin.LinkedInEventStore;
import io.sequor.domain.linkedin.LinkedInEventStore.MatchedSend;
import io.sequor.workflows.sequence.Medium;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns provider events into responses, once each. Only the store and a workflow signal are
 * touched, so a provider waiting on the answer gets it in milliseconds.
 */
@Service
class LinkedInWebhookService {

  private static final Logger log = LoggerFactory.getLogger(LinkedInWebhookService.class);

  private final TransactionTemplate tx;
  private final LinkedInEventStore events;
  private final ResponseIntake responses;
  private final SequorClock clock;

  LinkedInWebhookService(
      TransactionTemplate tx,
      LinkedInEventStore events,
      ResponseIntake responses,
      SequorClock clock) {
    this.tx = tx;
    this.events = events;
    this.responses = responses;
    this.clock = clock;
  }

  /**
   * One transaction claims the event id and records the response, so a failure anywhere (Temporal
   * unreachable, say) leaves no trace and the provider's retry starts afresh, while a concurrent
   * repeat of the same event waits on the claim and then finds it taken.
   */
  Receipt receive(InboundEvent event) {
    if (event.type().isEmpty()) {
      log.debug("LinkedIn event {} of type {} ignored", event.id(), event.typeName());
      return Receipt.of(Receipt.Outcome.IGNORED, event.id());
    }
    return tx.execute(status -> record(event, event.type().get()));
  }

  private Receipt record(InboundEvent event, EventType type) {
    Instant now = clock.now();
    Optional<MatchedSend> send = events.sendFor(event.relatedMessageId(), event.relatedChatId());
    boolean first =
        events.insert(
            new LinkedInEvent(
                event.id(),
                type.wireName(),
                event.relatedMessageId(),
                event.relatedChatId(),
                event.occurredAt(),
                send.map(MatchedSend::enrolmentId).orElse(null),
                null,
                send.isPresent() ? null : event.text(),
                now));
    if (!first) {
      log.info("LinkedIn event {} was received before; nothing to do", event.id());
      return Receipt.of(Receipt.Outcome.DUPLICATE, event.id());
    }
    if (send.isEmpty()) {
      log.info("LinkedIn event {} matches no send; kept for review", event.id());
      return Receipt.of(Receipt.Outcome.UNMATCHED, event.id());
    }
    MatchedSend matched = send.get();
    UUID response =
        responses.record(
            matched.enrolmentId(),
            Medium.LINKEDIN,
            type.kind(),
            occurredAt(event.occurredAt(), matched.sentAt(), now),
            event.text());
    events.linkResponse(event.id(), response);
    log.info(
        "LinkedIn event {} recorded as response {} of enrolment {} (step {})",
        event.id(),
        response,
        matched.enrolmentId(),
        matched.stepKey());
    return new Receipt(Receipt.Outcome.RECORDED, event.id(), matched.enrolmentId(), response);
  }

  /**
   * The provider's time, kept between the send it answers and now: an answer cannot come before its
   * message, and the provider's clock is not Sequor's (in the embedded runtime the dev clock may be
   * days ahead). The refund rule compares this time with the InMail's.
   */
  private static Instant occurredAt(Instant reported, Instant sentAt, Instant now) {
    if (reported == null || reported.isAfter(now)) {
      return now;
    }
    return reported.isBefore(sentAt) ? sentAt : reported;
  }

  List<LinkedInEvent> unmatched(int limit) {
    return events.unmatched(limit);
  }
}
