package io.sequor.inbound;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The headers the classifier reads, each read so that a malformed one counts as missing. */
final class Envelope {

  private static final Pattern ADDRESS =
      Pattern.compile("[^\\s<>\"@,;:()\\[\\]]+@[^\\s<>\"@,;:()\\[\\]]+");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");
  private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
  private static final Pattern DATE =
      Pattern.compile(
          "(\\d{1,2})\\s+([a-z]{3})[a-z]*\\.?\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
              + "\\s*([+-]\\d{4}|[a-z]{1,5})?",
          Pattern.CASE_INSENSITIVE);
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final Map<String, Integer> ZONE_HOURS =
      Map.of(
          "gmt", 0, "ut", 0, "utc", 0, "z", 0, "est", -5, "edt", -4, "cst", -6, "cdt", -5, "mst",
          -7, "mdt", -6);

  private final MimeMessage message;
  final String subject;
  final String fromAddress;
  final String fromName;
  final String messageId;
  final List<String> answeredIds;
  final ZoneOffset zone;
  final Instant sentAt;

  private Envelope(MimeMessage message) {
    this.message = message;
    this.subject = subject(message);
    String from = header("From");
    this.fromAddress = address(from);
    this.fromName = from == null ? "" : displayName(from);
    this.messageId = firstId(header("Message-ID"));
    this.answeredIds = answeredIds();
    String date = header("Date");
    Instant sent = null;
    ZoneOffset offset = null;
    if (date != null) {
      Matcher m = DATE.matcher(COMMENT.matcher(date).replaceAll(" "));
      if (m.find()) {
        offset = offset(m.group(7));
        sent = instant(m, offset == null ? ZoneOffset.UTC : offset);
        if (sent == null) {
          offset = null;
        }
      }
    }
    this.zone = offset;
    this.sentAt = sent;
  }

  static Envelope read(MimeMessage message) {
    return new Envelope(message);
  }

  /** The header's first value, unfolded; null when it is missing or cannot be read. */
  String header(String name) {
    try {
      String[] values = message.getHeader(name);
      if (values == null || values.length == 0 || values[0] == null) {
        return null;
      }
      return values[0].replaceAll("\r?\n[ \t]+", " ").strip();
    } catch (Exception e) {
      return null;
    }
  }

  boolean hasHeader(String name) {
    return header(name) != null;
  }

  /** The domain of this message's own Message-ID, lower case; null when it has none. */
  String messageIdDomain() {
    return messageId == null ? null : domainOf(messageId);
  }

  static String domainOf(String id) {
    int at = id.lastIndexOf('@');
    return at < 0 ? null : id.substring(at + 1).replace(">", "").toLowerCase(Locale.ROOT);
  }

  private List<String> answeredIds() {
    List<String> ids = new ArrayList<>();
    String inReplyTo = header("In-Reply-To");
    if (inReplyTo != null) {
      ids.addAll(ids(inReplyTo));
    }
    String references = header("References");
    if (references != null) {
      List<String> refs = ids(references);
      for (int i = refs.size() - 1; i >= 0; i--) {
        ids.add(refs.get(i));
      }
    }
    return ids;
  }

  static List<String> ids(String text) {
    List<String> ids = new ArrayList<>();
    Matcher m = MESSAGE_ID.matcher(text);
    while (m.find()) {
      ids.add("<" + m.group(1) + ">");
    }
    return ids;
  }

  private static String firstId(String header) {
    if (header == null) {
      return null;
    }
    List<String> ids = ids(header);
    return ids.isEmpty() ? null : ids.get(0);
  }

  private String subject(MimeMessage message) {
    try {
      String subject = message.getSubject();
      return subject == null ? "" : subject;
    } catch (Exception e) {
      String raw = header("Subject");
      if (raw == null) {
        return "";
      }
      try {
        return MimeUtility.decodeText(raw);
      } catch (Exception again) {
        return raw;
      }
    }
  }

  /** The first mailbox of an address header, lower case; null when none can be read. */
  static String address(String header) {
    if (header == null) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
      if (parsed.length > 0 && parsed[0].getAddress() != null) {
        return parsed[0].getAddress().toLowerCase(Locale.ROOT);
      }
    } catch (Exception e) {
      // Read it the plain way below.
    }
    Matcher m = ADDRESS.matcher(header);
    return m.find() ? m.group().toLowerCase(Locale.ROOT) : null;
  }

  private static String displayName(String header) {
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
      if (parsed.length > 0 && parsed[0].getPersonal() != null) {
        return parsed[0].getPersonal();
      }
    } catch (Exception e) {
      // No name then.
    }
    return "";
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null) {
      return null;
    }
    if (zone.startsWith("+") || zone.startsWith("-")) {
      int sign = zone.startsWith("-") ? -1 : 1;
      int hours = Integer.parseInt(zone.substring(1, 3));
      int minutes = Integer.parseInt(zone.substring(3, 5));
      try {
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException e) {
        return null;
      }
    }
    Integer hours = ZONE_HOURS.get(zone.toLowerCase(Locale.ROOT));
    return hours == null ? null : ZoneOffset.ofHours(hours);
  }

  private static Instant instant(Matcher m, ZoneOffset offset) {
    int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
    if (month == 0) {
      return null;
    }
    int year = Integer.parseInt(m.group(3));
    if (year < 100) {
      year += year < 50 ? 2000 : 1900;
    }
    try {
      return LocalDateTime.of(
              year,
              month,
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)))
          .toInstant(offset);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
