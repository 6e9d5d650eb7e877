package io.sequor.inbound;

import io.sequor.inbound.Classification.Kind;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells what an inbound email is. The rules run in this order and the first that fires decides:
 *
 * <ol>
 *   <li>a delivery status notification (RFC 3464) that reports a failed or delayed recipient;
 *   <li>our own message: its Message-ID is on one of our domains, or it is from one of our
 *       addresses;
 *   <li>a delivery report without a failure, or a read receipt: a notice, nothing to act on;
 *   <li>an out-of-office: an auto-reply subject or body phrase in one of seven languages;
 *   <li>a plain-text bounce: from a mail daemon, or with a bounce subject, giving a status code or
 *       a bounce phrase;
 *   <li>an unsubscribe command as the whole subject;
 *   <li>an automatic answer by its headers (RFC 3834 {@code Auto-Submitted} and the common others);
 *   <li>an unsubscribe request in words, when the message is essentially that request;
 *   <li>otherwise a reply.
 * </ol>
 *
 * <p>Phrases are data: {@code io/sequor/inbound/phrases/<language>.txt}. See
 * docs/inbound-classification.md. Instances are immutable and safe to share between threads.
 */
public final class InboundClassifier {

  /** An unsubscribe phrase counts only in a message about this short, quotes left out. */
  static final int UNSUBSCRIBE_MAX_WORDS = 60;

  /** A bare "unsubscribe" or "stop" counts only when it is nearly all the message says. */
  static final int BARE_WORD_MAX_WORDS = 6;

  private static final int MAX_TEXT = 100_000;

  /** What a person wrote above the quote: an out-of-office or a request is said at the top. */
  private static final int MAX_FRESH_TEXT = 20_000;

  private static final Pattern REPLY_PREFIXES =
      Pattern.compile(
          "^(?:\\s*(?:re|aw|antw|sv|vs|fw|fwd|wg|tr|rv|r|rif|enc|res)\\s*:|\\s*\\[[^\\]]*\\])+");
  private static final Pattern HEADER_VALUE = Pattern.compile("[a-z0-9._-]{1,30}");

  private final Set<String> ownDomains;
  private final Set<String> ownAddresses;
  private final PhraseBook book = PhraseBook.standard();
  private final QuoteStripper quotes = new QuoteStripper(book);
  private final ReturnDates dates = new ReturnDates(book);
  private final Bounces bounces;

  /**
   * @param ownMessageIdDomains right-hand sides of Message-IDs Sequor generates (e.g. {@code
   *     sequor.local})
   * @param ownAddresses our sender mailbox addresses, lower-case
   */
  public InboundClassifier(Set<String> ownMessageIdDomains, Set<String> ownAddresses) {
    this.ownDomains = lowerCase(ownMessageIdDomains);
    this.ownAddresses = lowerCase(ownAddresses);
    this.bounces = new Bounces(book, ownDomains, this.ownAddresses);
  }

  private static Set<String> lowerCase(Set<String> values) {
    if (values == null) {
      return Set.of();
    }
    return values.stream()
        .filter(Objects::nonNull)
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @param receivedAt when the mailbox got it: the reference for return dates without a year and
   *     for relative ones ("next Monday"); the {@code Date} header stands in when it is null
   * @return what the message is; never throws: a message that cannot be read is a {@link
   *     Kind#REPLY}, with a reason that says so
   */
  public Classification classify(MimeMessage message, Instant receivedAt) {
    if (message == null) {
      return Classification.of(Kind.REPLY, "no message: read as a reply");
    }
    try {
      return decide(message, receivedAt);
    } catch (RuntimeException | StackOverflowError e) {
      return Classification.of(
          Kind.REPLY, "unreadable message (" + e.getClass().getSimpleName() + "): read as a reply");
    }
  }

  private Classification decide(MimeMessage message, Instant receivedAt) {
    Envelope envelope = Envelope.read(message);
    List<MailParts.Leaf> leaves = MailParts.leaves(message);
    String body = bodyText(leaves);
    String answered = answeredId(envelope);

    // A delivery report first: one from our own mail server may carry a Message-ID on our domain.
    Optional<Bounces.Bounce> report = bounces.fromReport(leaves, body);
    if (report.isPresent() && report.get().kind() != null) {
      return bounce(report.get());
    }
    String idDomain = envelope.messageIdDomain();
    if (idDomain != null && ownDomains.contains(idDomain)) {
      return Classification.of(Kind.OWN_MESSAGE, "Message-ID on an own domain");
    }
    if (envelope.fromAddress != null && ownAddresses.contains(envelope.fromAddress)) {
      return Classification.of(Kind.OWN_MESSAGE, "From an own address");
    }
    if (report.isPresent()) {
      return Classification.of(Kind.NOTICE, report.get().reason()).answering(answered);
    }
    if (leaves.stream().anyMatch(l -> l.type().equals("message/disposition-notification"))) {
      return Classification.of(Kind.NOTICE, "disposition notification (read receipt)")
          .answering(answered);
    }

    String subject = REPLY_PREFIXES.matcher(Fold.fold(envelope.subject).strip()).replaceFirst("");
    subject = subject.strip();
    String fresh = Fold.fold(head(quotes.strip(body), MAX_FRESH_TEXT));
    String absenceText = subject + "\n" + fresh;
    String autoHeader = autoHeader(envelope);

    Optional<PhraseBook.Hit> subjectPhrase =
        book.first("auto-reply-subject", subject).filter(h -> h.start() == 0);
    Optional<PhraseBook.Hit> bodyPhrase = book.first("auto-reply-body", absenceText);
    Optional<PhraseBook.Hit> weakPhrase = book.first("absence-body", absenceText);
    Optional<PhraseBook.Hit> absence = subjectPhrase.or(() -> bodyPhrase).or(() -> weakPhrase);
    Instant returnAt = null;
    if (absence.isPresent() || autoHeader != null) {
      String language = absence.map(PhraseBook.Hit::language).orElse("en");
      returnAt = returnAt(absenceText, envelope, receivedAt, language).orElse(null);
    }
    // "I'm travelling until Friday, can we talk Monday?" is a person writing: a weak phrase needs
    // a return date and no question.
    boolean weakAbsence = weakPhrase.isPresent() && returnAt != null && fresh.indexOf('?') < 0;
    if (subjectPhrase.isPresent() || bodyPhrase.isPresent() || weakAbsence) {
      String phrase = "out-of-office phrase (" + absence.get().language() + ")";
      String reason = autoHeader == null ? phrase : "header " + autoHeader + "; " + phrase;
      return new Classification(Kind.AUTO_REPLY, returnAt, null, null, answered, reason);
    }

    Optional<Bounces.Bounce> textBounce = bounces.fromText(envelope, leaves, body, Fold.fold(body));
    if (textBounce.isPresent()) {
      return bounce(textBounce.get());
    }

    int words = Fold.wordCount(fresh);
    Optional<PhraseBook.Hit> command = unsubscribeCommand(envelope, subject, words);
    if (command.isPresent()) {
      return Classification.of(
              Kind.UNSUBSCRIBE, "unsubscribe request as subject (" + command.get().language() + ")")
          .answering(answered);
    }
    if (autoHeader != null) {
      return new Classification(
          Kind.AUTO_REPLY, returnAt, null, null, answered, "header " + autoHeader);
    }
    Optional<Classification> unsubscribe = unsubscribeRequest(fresh, words);
    if (unsubscribe.isPresent()) {
      return unsubscribe.get().answering(answered);
    }
    return Classification.of(Kind.REPLY, "no other rule matched").answering(answered);
  }

  private static String head(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  private static Classification bounce(Bounces.Bounce bounce) {
    return new Classification(
        bounce.kind(),
        null,
        bounce.status(),
        bounce.recipient(),
        bounce.originalMessageId(),
        bounce.reason());
  }

  private static String bodyText(List<MailParts.Leaf> leaves) {
    StringBuilder text = new StringBuilder();
    for (MailParts.Leaf leaf : leaves) {
      if (leaf.attachment() || text.length() >= MAX_TEXT) {
        continue;
      }
      if (leaf.type().equals("text/plain")) {
        text.append(MailParts.text(leaf.part())).append('\n');
      } else if (leaf.type().equals("text/html")) {
        text.append(MailParts.htmlText(MailParts.text(leaf.part()))).append('\n');
      }
    }
    return head(text.toString(), MAX_TEXT);
  }

  /** The id of our message this one answers: In-Reply-To first, then References, latest first. */
  private String answeredId(Envelope envelope) {
    for (String id : envelope.answeredIds) {
      if (ownDomains.contains(Envelope.domainOf(id))) {
        return id;
      }
    }
    return null;
  }

  private Optional<Instant> returnAt(
      String folded, Envelope envelope, Instant receivedAt, String language) {
    ZoneOffset zone = envelope.zone != null ? envelope.zone : ZoneOffset.UTC;
    Instant reference = receivedAt != null ? receivedAt : envelope.sentAt;
    LocalDate today = reference == null ? null : reference.atOffset(zone).toLocalDate();
    int offsetHours = zone.getTotalSeconds() / 3600;
    boolean monthFirst = language.equals("en") && offsetHours <= -3 && offsetHours >= -10;
    return dates.read(folded, today, zone, monthFirst);
  }

  /** Which automatic-answer header the message carries, as "name: value"; null if none. */
  private static String autoHeader(Envelope envelope) {
    String autoSubmitted = token(envelope.header("Auto-Submitted"));
    if (autoSubmitted != null && !autoSubmitted.equals("no")) {
      return "Auto-Submitted: " + printable(autoSubmitted);
    }
    for (String name : List.of("X-Autoreply", "X-Autorespond")) {
      String value = token(envelope.header(name));
      if (value != null && !Set.of("no", "false", "0").contains(value)) {
        return name;
      }
    }
    String precedence = token(envelope.header("Precedence"));
    if (precedence != null && Set.of("auto_reply", "bulk", "junk").contains(precedence)) {
      return "Precedence: " + precedence;
    }
    if (envelope.hasHeader("X-Auto-Response-Suppress")) {
      return "X-Auto-Response-Suppress";
    }
    return null;
  }

  private static String token(String value) {
    if (value == null) {
      return null;
    }
    String token = value.replaceAll("\\([^)]*\\)", "").split(";", 2)[0].strip();
    return token.toLowerCase(Locale.ROOT);
  }

  private static String printable(String value) {
    return HEADER_VALUE.matcher(value).matches() ? value : "(other value)";
  }

  /**
   * "unsubscribe" or "remove me" as the whole subject of a new message: what a mail client sends
   * for a {@code mailto:} List-Unsubscribe, and what people type.
   */
  private Optional<PhraseBook.Hit> unsubscribeCommand(
      Envelope envelope, String subject, int bodyWords) {
    String original = Fold.fold(envelope.subject).strip();
    if (!original.equals(subject) || bodyWords > UNSUBSCRIBE_MAX_WORDS) {
      return Optional.empty();
    }
    if (Fold.wordCount(subject) > 3) {
      return Optional.empty();
    }
    return book.first("unsubscribe", subject).or(() -> book.first("unsubscribe-word", subject));
  }

  private Optional<Classification> unsubscribeRequest(String fresh, int words) {
    if (words > UNSUBSCRIBE_MAX_WORDS) {
      return Optional.empty();
    }
    for (PhraseBook.Hit hit : book.find("unsubscribe", fresh)) {
      if (!Negation.cancels(book, fresh, hit)) {
        return Optional.of(
            Classification.of(Kind.UNSUBSCRIBE, "unsubscribe phrase (" + hit.language() + ")"));
      }
    }
    if (words <= BARE_WORD_MAX_WORDS) {
      for (PhraseBook.Hit hit : book.find("unsubscribe-word", fresh)) {
        if (!Negation.cancels(book, fresh, hit)) {
          return Optional.of(
              Classification.of(Kind.UNSUBSCRIBE, "unsubscribe word (" + hit.language() + ")"));
        }
      }
    }
    return Optional.empty();
  }
}
