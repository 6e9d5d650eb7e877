package io.sequor.domain.replies;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.enrolments.ResponseIntake;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.unsubscribe.Unsubscribes;
import io.sequor.inbound.Classification;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an inbound email into responses, once: classify it, match it to the enrolments it answers,
 * record a response on each. The IMAP poller and the inbound webhook both come in here.
 */
@Service
public class InboundEmailIntake {

  private static final Logger log = LoggerFactory.getLogger(InboundEmailIntake.class);
  private static final int EXCERPT = 2000;
  private static final int TEXT = 10_000;
  private static final Pattern UNSUBSCRIBE_ADDRESS =
      Pattern.compile("(?i)\\bunsubscribe\\+([A-Za-z0-9_-]{16,128})@");

  private final TransactionTemplate tx;
  private final Classifiers classifiers;
  private final ReplyMatcher matcher;
  private final InboundEmailStore store;
  private final ResponseIntake responses;
  private final EnrolmentStore enrolments;
  private final ProspectStore prospects;
  private final Unsubscribes unsubscribes;
  private final SequorClock clock;

  InboundEmailIntake(
      TransactionTemplate tx,
      Classifiers classifiers,
      ReplyMatcher matcher,
      InboundEmailStore store,
      ResponseIntake responses,
      EnrolmentStore enrolments,
      ProspectStore prospects,
      Unsubscribes unsubscribes,
      SequorClock clock) {
    this.tx = tx;
    this.classifiers = classifiers;
    this.matcher = matcher;
    this.store = store;
    this.responses = responses;
    this.enrolments = enrolments;
    this.prospects = prospects;
    this.unsubscribes = unsubscribes;
    this.clock = clock;
  }

  /** What became of a message. */
  public record Receipt(
      Outcome outcome, UUID inboundId, String classification, List<UUID> enrolments) {

    public enum Outcome {
      /** Matched; a response was recorded on each enrolment. */
      RECORDED,
      /**
       * Our own message, a delivery or read notice, or a delay the sending server acts on: nothing
       * to do.
       */
      IGNORED,
      /** Matched nothing; kept for review. */
      UNMATCHED,
      /** Read before (same Message-ID); nothing changed. */
      DUPLICATE
    }
  }

  /**
   * Reads one message. One transaction claims it and records its responses, so a failure anywhere
   * (Temporal unreachable, say) leaves no trace and the next poll or redelivery starts afresh.
   *
   * @param source {@code IMAP} or {@code WEBHOOK}
   * @param mailboxId the mailbox it was read from, if any
   * @param receivedAt when the mailbox received it
   * @param fallbackKey dedupe key for a message without a Message-ID (mailbox and UID, say)
   */
  public Receipt receive(
      MimeMessage message,
      String source,
      String mailboxId,
      Instant receivedAt,
      String fallbackKey) {
    Instant now = clock.now();
    Instant received = receivedAt == null || receivedAt.isAfter(now) ? now : receivedAt;
    Headers headers = Headers.of(message);
    Optional<String> token = unsubscribeToken(message);
    if (token.isPresent()) {
      return unsubscribeByMail(token.get(), headers, source, mailboxId, received, now, fallbackKey);
    }
    Classification verdict = classifiers.current().classify(message, received);
    boolean bounce =
        verdict.kind() == Classification.Kind.BOUNCE_PERMANENT
            || verdict.kind() == Classification.Kind.BOUNCE_TRANSIENT;
    ReplyMatcher.Match match =
        verdict.kind() == Classification.Kind.OWN_MESSAGE
                || verdict.kind() == Classification.Kind.NOTICE
            ? new ReplyMatcher.Match(List.of(), null)
            : matcher.match(
                ReplyMatcher.messageIds(headers.inReplyTo(), headers.references()),
                bounce,
                verdict.originalMessageId(),
                verdict.bouncedRecipient(),
                headers.from());
    String status =
        switch (verdict.kind()) {
          case OWN_MESSAGE, NOTICE, BOUNCE_TRANSIENT -> "IGNORED";
          default -> match.targets().isEmpty() ? "UNMATCHED" : "RECORDED";
        };
    String text = plainText(message);
    InboundEmail email =
        new InboundEmail(
            UUID.randomUUID(),
            mailboxId,
            source,
            headers.messageId(),
            headers.from(),
            headers.subject(),
            verdict.kind().name(),
            verdict.reason(),
            verdict.returnAt(),
            status,
            match.by(),
            status.equals("UNMATCHED") ? cut(text, EXCERPT) : null,
            received,
            now);
    String key = dedupeKey(headers, fallbackKey);
    return tx.execute(
        s -> {
          if (!store.claim(email, key)) {
            return new Receipt(Receipt.Outcome.DUPLICATE, null, verdict.kind().name(), List.of());
          }
          if (!status.equals("RECORDED")) {
            log.info(
                "inbound email {} ({}): {} [{}]", email.id(), source, status, verdict.reason());
            return new Receipt(
                status.equals("IGNORED") ? Receipt.Outcome.IGNORED : Receipt.Outcome.UNMATCHED,
                email.id(),
                verdict.kind().name(),
                List.of());
          }
          List<UUID> answered = new ArrayList<>();
          for (ReplyMatcher.Target target : match.targets()) {
            record(email, verdict, target, cut(text, TEXT));
            answered.add(target.enrolmentId());
          }
          log.info(
              "inbound email {} ({}): {} for {} enrolment(s), matched by {}",
              email.id(),
              source,
              verdict.kind(),
              answered.size(),
              match.by());
          return new Receipt(Receipt.Outcome.RECORDED, email.id(), verdict.kind().name(), answered);
        });
  }

  private static String dedupeKey(Headers headers, String fallbackKey) {
    return headers.messageId() != null
        ? "message-id:" + headers.messageId().toLowerCase(Locale.ROOT)
        : fallbackKey;
  }

  /**
   * A message to the {@code mailto:} of an email's {@code List-Unsubscribe} header: the address
   * carries the signed token, so it unsubscribes exactly like the one-click link, whatever the
   * message says. A forged token changes nothing and is kept for review.
   */
  private Receipt unsubscribeByMail(
      String token,
      Headers headers,
      String source,
      String mailboxId,
      Instant received,
      Instant now,
      String fallbackKey) {
    return tx.execute(
        s -> {
          UUID id = UUID.randomUUID();
          Optional<UUID> prospect = unsubscribes.recipient(token).map(p -> p.id());
          String status = prospect.isPresent() ? "RECORDED" : "UNMATCHED";
          InboundEmail email =
              new InboundEmail(
                  id,
                  mailboxId,
                  source,
                  headers.messageId(),
                  headers.from(),
                  headers.subject(),
                  Classification.Kind.UNSUBSCRIBE.name(),
                  prospect.isPresent()
                      ? "sent to the unsubscribe address"
                      : "sent to an unsubscribe address with a token that is not ours",
                  null,
                  status,
                  prospect.isPresent() ? "UNSUBSCRIBE_ADDRESS" : null,
                  null,
                  received,
                  now);
          if (!store.claim(email, dedupeKey(headers, fallbackKey))) {
            return new Receipt(
                Receipt.Outcome.DUPLICATE, null, Classification.Kind.UNSUBSCRIBE.name(), List.of());
          }
          if (prospect.isEmpty() || !unsubscribes.unsubscribe(token)) {
            log.info("inbound email {} ({}): unsubscribe address with a forged token", id, source);
            return new Receipt(
                Receipt.Outcome.UNMATCHED, id, Classification.Kind.UNSUBSCRIBE.name(), List.of());
          }
          log.info("inbound email {} ({}): unsubscribed by mail", id, source);
          return new Receipt(
              Receipt.Outcome.RECORDED, id, Classification.Kind.UNSUBSCRIBE.name(), List.of());
        });
  }

  /** The token of an {@code unsubscribe+<token>@…} recipient, if the message was sent to one. */
  static Optional<String> unsubscribeToken(MimeMessage message) {
    for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
      String[] values;
      try {
        values = message.getHeader(header);
      } catch (MessagingException unreadable) {
        continue;
      }
      if (values == null) {
        continue;
      }
      for (String value : values) {
        Matcher m = UNSUBSCRIBE_ADDRESS.matcher(value);
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  private void record(
      InboundEmail email, Classification verdict, ReplyMatcher.Target target, String text) {
    EnrolmentRecord enrolment = enrolments.get(target.enrolmentId());
    Instant at =
        email.receivedAt().isBefore(enrolment.createdAt())
            ? enrolment.createdAt()
            : email.receivedAt();
    ResponseKind kind =
        switch (verdict.kind()) {
          case AUTO_REPLY -> ResponseKind.AUTO_REPLY;
          case BOUNCE_PERMANENT -> ResponseKind.BOUNCE;
          case UNSUBSCRIBE -> ResponseKind.UNSUBSCRIBE;
          default -> ResponseKind.REPLY;
        };
    Instant returnAt =
        kind == ResponseKind.AUTO_REPLY
                && verdict.returnAt() != null
                && verdict.returnAt().isAfter(at)
            ? verdict.returnAt()
            : null;
    if (kind == ResponseKind.BOUNCE) {
      prospects.markEmailUndeliverable(enrolment.prospectId());
    }
    UUID response =
        responses
            .record(target.enrolmentId(), Medium.EMAIL, kind, at, returnAt, text, target.stepKey())
            .response()
            .id();
    store.linkResponse(email.id(), target.enrolmentId(), response);
  }

  /** The message's plain text: its first text/plain part, else nothing. */
  static String plainText(Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        Object content = part.getContent();
        return content instanceof String s ? s : "";
      }
      if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          if (child.isMimeType("message/*")) {
            continue;
          }
          String text = plainText(child);
          if (!text.isEmpty()) {
            return text;
          }
        }
      }
    } catch (MessagingException | IOException unreadable) {
      return "";
    }
    return "";
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** The few headers matching needs, read leniently. */
  private record Headers(
      String messageId, String inReplyTo, String references, String from, String subject) {

    static Headers of(MimeMessage message) {
      return new Headers(
          header(message, "Message-ID"),
          header(message, "In-Reply-To"),
          header(message, "References"),
          from(message),
          subject(message));
    }

    private static String header(MimeMessage message, String name) {
      try {
        String value = message.getHeader(name, " ");
        return value == null || value.isBlank() ? null : value.trim();
      } catch (MessagingException e) {
        return null;
      }
    }

    private static String from(MimeMessage message) {
      try {
        Address[] from = message.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
          return address.getAddress() == null
              ? null
              : address.getAddress().toLowerCase(Locale.ROOT);
        }
      } catch (MessagingException unreadable) {
        // a broken From header matches no sender
      }
      return null;
    }

    private static String subject(MimeMessage message) {
      try {
        return message.getSubject();
      } catch (MessagingException e) {
        return null;
      }
    }
  }
}
