package io.sequor.inbound;

import io.sequor.inbound.Classification.Kind;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * Bounces: RFC 3464 delivery status notifications read with Angus Mail's {@link DeliveryStatus},
 * and the plain-text bounces some servers still send, told by their sender or subject and an SMTP
 * status code or a bounce phrase in the text.
 */
final class Bounces {

  /** What a bounce says; {@code kind} is null for a report of successful delivery. */
  record Bounce(
      Kind kind, String status, String recipient, String originalMessageId, String reason) {}

  private static final Pattern ENHANCED_WITH_REPLY =
      Pattern.compile("(?<![\\d.])([45])\\d\\d[ -]+#?([45]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]?\\d)");
  private static final Pattern ENHANCED =
      Pattern.compile("(?<![\\d.])([45]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]?\\d)");
  private static final Pattern REPLY_CODE =
      Pattern.compile("(?<![\\d.\\-/:])([45][0-5]\\d)(?=(?:[ -]|:\\s)\\D)");
  private static final Pattern ANY_CODE =
      Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3}|[45]\\d\\d)(?![\\d.]?\\d)");
  private static final Pattern LABELLED_ID =
      Pattern.compile("message-id:\\s*(<[^<>\\s]+@[^<>\\s]+>)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ADDRESS =
      Pattern.compile("[a-z0-9][a-z0-9._%+'-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9-]+)+");
  private static final Set<String> DAEMONS =
      Set.of("mailer-daemon", "postmaster", "mailerdaemon", "mail-daemon", "maildaemon", "mdaemon");
  private static final Set<String> REPORT_TYPES =
      Set.of("message/delivery-status", "message/global-delivery-status");
  private static final Set<String> QUOTED_HEADER_TYPES =
      Set.of("text/rfc822-headers", "message/rfc822", "message/global", "message/global-headers");
  private static final Pattern REPLY_PREFIX =
      Pattern.compile("^(?:re|aw|antw|sv|fw|fwd|wg|tr|rv|r|rif)\\s*:");

  private final PhraseBook book;
  private final Set<String> ownDomains;
  private final Set<String> ownAddresses;

  Bounces(PhraseBook book, Set<String> ownDomains, Set<String> ownAddresses) {
    this.book = book;
    this.ownDomains = ownDomains;
    this.ownAddresses = ownAddresses;
  }

  /** A delivery status report in the message, if it has one that can be read. */
  Optional<Bounce> fromReport(List<MailParts.Leaf> leaves, String bodyText) {
    for (MailParts.Leaf leaf : leaves) {
      if (!REPORT_TYPES.contains(leaf.type())) {
        continue;
      }
      DeliveryStatus report;
      try {
        report = new DeliveryStatus(new ByteArrayInputStream(MailParts.bytes(leaf.part())));
      } catch (Exception e) {
        continue;
      }
      Optional<Bounce> bounce = read(report, leaves, bodyText);
      if (bounce.isPresent()) {
        return bounce;
      }
    }
    return Optional.empty();
  }

  private Optional<Bounce> read(
      DeliveryStatus report, List<MailParts.Leaf> leaves, String bodyText) {
    String failedStatus = null;
    String failedRecipient = null;
    boolean permanent = false;
    String action = null;
    boolean any = false;
    for (int i = 0; i < report.getRecipientDSNCount(); i++) {
      InternetHeaders fields = report.getRecipientDSN(i);
      any = true;
      String thisAction = lower(fields.getHeader("Action", null));
      String status = code(fields.getHeader("Status", null));
      if (status == null) {
        status = code(fields.getHeader("Diagnostic-Code", null));
      }
      boolean failed = thisAction != null && thisAction.startsWith("failed");
      boolean delayed = thisAction != null && thisAction.startsWith("delayed");
      boolean statusFails = status != null && (status.startsWith("5") || status.startsWith("4"));
      if (!(failed || delayed || (thisAction == null && statusFails))) {
        continue;
      }
      boolean isPermanent = status != null ? status.startsWith("5") : failed;
      if (action == null || (isPermanent && !permanent)) {
        failedStatus = status;
        failedRecipient = recipient(fields);
        permanent = isPermanent;
        action = thisAction == null ? "unknown" : thisAction.split("\\s")[0];
      }
    }
    if (!any) {
      return Optional.empty();
    }
    String originalId = originalId(leaves, bodyText);
    if (action == null) {
      return Optional.of(new Bounce(null, null, null, originalId, "DSN without failure"));
    }
    Kind kind = permanent ? Kind.BOUNCE_PERMANENT : Kind.BOUNCE_TRANSIENT;
    String reason =
        failedStatus == null
            ? "DSN action " + action
            : "DSN status " + failedStatus + " (" + action + ")";
    return Optional.of(new Bounce(kind, failedStatus, failedRecipient, originalId, reason));
  }

  private static String recipient(InternetHeaders fields) {
    for (String name : List.of("Original-Recipient", "Final-Recipient")) {
      String value = fields.getHeader(name, null);
      if (value == null) {
        continue;
      }
      int semicolon = value.indexOf(';');
      String address = (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
      address = address.replace("<", "").replace(">", "").strip().toLowerCase(Locale.ROOT);
      if (address.contains("@")) {
        return address;
      }
    }
    return null;
  }

  /** A plain-text bounce: from a mail daemon or with a bounce subject, and saying why. */
  Optional<Bounce> fromText(
      Envelope envelope, List<MailParts.Leaf> leaves, String bodyText, String foldedBody) {
    String subject = Fold.fold(envelope.subject).strip();
    boolean daemon = daemon(envelope);
    boolean bounceSubject =
        !REPLY_PREFIX.matcher(subject).find() && book.first("bounce-subject", subject).isPresent();
    String failedRecipients = envelope.header("X-Failed-Recipients");
    if (!daemon && !bounceSubject && failedRecipients == null) {
      return Optional.empty();
    }
    // Codes and addresses from the text as written: folding would turn "old-town.example" into
    // words.
    String body = bodyText.toLowerCase(Locale.ROOT);
    String status = null;
    int statusAt = -1;
    Matcher withReply = ENHANCED_WITH_REPLY.matcher(body);
    Matcher enhanced = ENHANCED.matcher(body);
    Matcher reply = REPLY_CODE.matcher(body);
    if (withReply.find()) {
      status = withReply.group(2);
      statusAt = withReply.start();
    } else if (enhanced.find()) {
      status = enhanced.group(1);
      statusAt = enhanced.start();
    } else if (reply.find()) {
      status = reply.group(1);
      statusAt = reply.start();
    }
    Optional<PhraseBook.Hit> permanentPhrase = book.first("bounce-permanent", foldedBody);
    Optional<PhraseBook.Hit> transientPhrase = book.first("bounce-transient", foldedBody);
    if (status == null && permanentPhrase.isEmpty() && transientPhrase.isEmpty()) {
      return Optional.empty();
    }
    boolean permanent;
    String reason;
    if (status != null) {
      permanent = status.startsWith("5");
      reason = "bounce text, status " + status;
    } else if (transientPhrase.isPresent()
        && (permanentPhrase.isEmpty()
            || transientPhrase.get().start() < permanentPhrase.get().start())) {
      permanent = false;
      reason = "bounce text, transient phrase (" + transientPhrase.get().language() + ")";
    } else {
      permanent = true;
      reason = "bounce text, permanent phrase (" + permanentPhrase.get().language() + ")";
    }
    String recipient =
        failedRecipients != null
            ? Envelope.address(failedRecipients)
            : recipientNear(body, statusAt, envelope);
    return Optional.of(
        new Bounce(
            permanent ? Kind.BOUNCE_PERMANENT : Kind.BOUNCE_TRANSIENT,
            status,
            recipient,
            originalId(leaves, bodyText),
            reason));
  }

  private static boolean daemon(Envelope envelope) {
    String from = envelope.fromAddress;
    if (from != null) {
      String local = from.substring(0, Math.max(0, from.indexOf('@')));
      if (DAEMONS.contains(local) || local.startsWith("mailer-daemon")) {
        return true;
      }
    }
    String name = Fold.fold(envelope.fromName);
    return name.contains("mail delivery") || name.contains("mailer daemon");
  }

  /** The address on the status line or just above it; else the first one not ours or a daemon's. */
  private String recipientNear(String body, int statusAt, Envelope envelope) {
    if (statusAt >= 0) {
      int lineEnd = body.indexOf('\n', statusAt);
      int from = statusAt;
      for (int lines = 0; lines < 4 && from > 0; lines++) {
        from = body.lastIndexOf('\n', from - 1);
      }
      String near = body.substring(Math.max(0, from), lineEnd < 0 ? body.length() : lineEnd);
      List<String> candidates = candidates(near, envelope);
      if (!candidates.isEmpty()) {
        return candidates.get(candidates.size() - 1);
      }
    }
    List<String> all = candidates(body, envelope);
    return all.isEmpty() ? null : all.get(0);
  }

  private List<String> candidates(String text, Envelope envelope) {
    List<String> found = new ArrayList<>();
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      String address = m.group();
      String local = address.substring(0, address.indexOf('@'));
      if (DAEMONS.contains(local)
          || ownAddresses.contains(address)
          || address.equals(envelope.fromAddress)
          || ownDomains.contains(Envelope.domainOf(address))) {
        continue;
      }
      found.add(address);
    }
    return found;
  }

  /**
   * The Message-ID of the bounced message: from the quoted headers or message, else from the text;
   * one on our own domains first.
   */
  private String originalId(List<MailParts.Leaf> leaves, String bodyText) {
    List<String> labelled = new ArrayList<>();
    for (MailParts.Leaf leaf : leaves) {
      if (!QUOTED_HEADER_TYPES.contains(leaf.type())) {
        continue;
      }
      try {
        InternetHeaders headers =
            new InternetHeaders(new ByteArrayInputStream(MailParts.bytes(leaf.part())));
        String id = headers.getHeader("Message-ID", null);
        if (id != null) {
          labelled.addAll(Envelope.ids(id));
        }
      } catch (Exception e) {
        // An unreadable quote: the text below may still name it.
      }
    }
    Matcher m = LABELLED_ID.matcher(bodyText);
    while (m.find()) {
      labelled.add(m.group(1));
    }
    for (String id : labelled) {
      if (ownDomains.contains(Envelope.domainOf(id))) {
        return id;
      }
    }
    for (String id : Envelope.ids(bodyText)) {
      if (ownDomains.contains(Envelope.domainOf(id))) {
        return id;
      }
    }
    return labelled.isEmpty() ? null : labelled.get(0);
  }

  private static String code(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = ENHANCED.matcher(value);
    if (m.find()) {
      return m.group(1);
    }
    Matcher basic = ANY_CODE.matcher(value);
    return basic.find() ? basic.group(1) : null;
  }

  private static String lower(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
