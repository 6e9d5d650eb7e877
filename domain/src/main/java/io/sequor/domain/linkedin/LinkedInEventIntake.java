package io.sequor.domain.linkedin;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.enrolments.ResponseIntake;
import io.sequor.domain.linkedin.LinkedInEventStore.MatchedSend;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns LinkedIn provider events into responses, once each: the provider's webhook and the
 * sandbox's scripted answers both come in here. Only the store and a workflow signal are touched,
 * so a provider waiting on the answer gets it in milliseconds.
 */
@Service
public class LinkedInEventIntake {

  private static final Logger log = LoggerFactory.getLogger(LinkedInEventIntake.class);

  private final TransactionTemplate tx;
  private final LinkedInEventStore events;
  private final ResponseIntake responses;
  private final SequorClock clock;

  LinkedInEventIntake(
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
   * An event Sequor acts on.
   *
   * @param eventId the provider's id for the event, the same on every redelivery
   * @param type the event's type as stored, such as {@code message.received}
   * @param kind the response it becomes when it matches a send
   * @param occurredAt the provider's time for it; may be null
   * @param returnAt for an auto-reply, the return date it names; may be null
   */
  public record Inbound(
      String eventId,
      String type,
      ResponseKind kind,
      String relatedMessageId,
      String relatedChatId,
      Instant occurredAt,
      Instant returnAt,
      String text) {}

  /** What became of an event. */
  public record Receipt(Outcome outcome, UUID enrolmentId, UUID responseId) {

    public enum Outcome {
      /** Matched a send and recorded as a response of its enrolment. */
      RECORDED,
      /** This event id was received before; nothing changed. */
      DUPLICATE,
      /** Matched no send; stored for review. */
      UNMATCHED
    }

    static Receipt of(Outcome outcome) {
      return new Receipt(outcome, null, null);
    }
  }

  /**
   * One transaction claims the event id and records the response, so a failure anywhere (Temporal
   * unreachable, say) leaves no trace and the provider's retry starts afresh, while a concurrent
   * repeat of the same event waits on the claim and then finds it taken.
   */
  public Receipt receive(Inbound event) {
    return tx.execute(status -> record(event));
  }

  private Receipt record(Inbound event) {
    Instant now = clock.now();
    Optional<MatchedSend> send = events.sendFor(event.relatedMessageId(), event.relatedChatId());
    boolean first =
        events.insert(
            new LinkedInEvent(
                event.eventId(),
                event.type(),
                event.relatedMessageId(),
                event.relatedChatId(),
                event.occurredAt(),
                send.map(MatchedSend::enrolmentId).orElse(null),
                null,
                send.isPresent() ? null : event.text(),
                now));
    if (!first) {
      log.info("LinkedIn event {} was received before; nothing to do", event.eventId());
      return Receipt.of(Receipt.Outcome.DUPLICATE);
    }
    if (send.isEmpty()) {
      log.info("LinkedIn event {} matches no send; kept for review", event.eventId());
      return Receipt.of(Receipt.Outcome.UNMATCHED);
    }
    MatchedSend matched = send.get();
    UUID response =
        responses
            .record(
                matched.enrolmentId(),
                Medium.LINKEDIN,
                event.kind(),
                occurredAt(event.occurredAt(), matched.sentAt(), now),
                event.returnAt(),
                event.text(),
                matched.stepKey())
            .response()
            .id();
    events.linkResponse(event.eventId(), response);
    log.info(
        "LinkedIn event {} recorded as response {} of enrolment {} (step {})",
        event.eventId(),
        response,
        matched.enrolmentId(),
        matched.stepKey());
    return new Receipt(Receipt.Outcome.RECORDED, matched.enrolmentId(), response);
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
}
