package io.sequor.inbound;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the return date out of an out-of-office text: the first date, weekday or relative day
 * ("tomorrow", "next week") that follows a return cue ("back on", "de retour le", "ab dem", "terug
 * op", "de volta em", "rientro il" …) in the same sentence, or precedes one that comes after its
 * date ("am 15.03. wieder im Büro"), or else follows an "until" cue ("until", "jusqu'au", "bis",
 * "hasta el", "tot", "até", "fino al" …).
 *
 * <p>Month and weekday names come from the JDK's CLDR locale data for the seven languages, plus the
 * aliases in the phrase lists. A date without a year is the next such date on or after the day the
 * message was received; a bare weekday is the next such day after it.
 */
final class ReturnDates {

  /** How far after the end of a cue the date may start, in characters. */
  private static final int CUE_REACH = 40;

  private static final int WINDOW = 90;

  /**
   * Dates outside this span around the day received are something else (a year, an order number).
   */
  private static final int DAYS_BACK = 60;

  private static final int DAYS_AHEAD = 400;

  private static final Set<String> AMBIGUOUS_SHORT_NAMES = Set.of("ago", "set", "mag");
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<![\\d\\s])[.!?;](?=\\s)|\\n\\s*\\n");
  private static final Pattern TIME =
      Pattern.compile(
          "^[.,]?\\s*,?\\s*(?:(?:at|a|as|um|om|alle|ore|a las|a la|vers|from|ab|des|vanaf|dalle|das|hacia"
              + "|rond|gegen|around|about)\\s+)?(\\d{1,2})(?:([:h.])(\\d{2}))?\\s*"
              + "(a\\.?m\\.?|p\\.?m\\.?|uhr|u|h)?(?![\\p{L}\\d])");

  private final PhraseBook book;
  private final Map<String, Integer> months = new HashMap<>();
  private final Map<String, DayOfWeek> weekdays = new HashMap<>();
  private final Pattern dayMonth;
  private final Pattern monthDay;
  private final Pattern iso =
      Pattern.compile(
          "(?<![\\d])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[t ](\\d{1,2}):(\\d{2}))?(?!\\d)");
  private final Pattern numeric =
      Pattern.compile(
          "(?<![\\d./-])(\\d{1,2})([./])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?(?![\\d]|\\.\\d)");
  private final Pattern weekday;

  ReturnDates(PhraseBook book) {
    this.book = book;
    for (String language : PhraseBook.LANGUAGES) {
      Locale locale = Locale.forLanguageTag(language);
      for (Month month : Month.values()) {
        for (TextStyle style : TextStyle.values()) {
          String name = name(month.getDisplayName(style, locale));
          boolean shortName = style == TextStyle.SHORT || style == TextStyle.SHORT_STANDALONE;
          if (name.length() >= 3 && !(shortName && AMBIGUOUS_SHORT_NAMES.contains(name))) {
            months.putIfAbsent(name, month.getValue());
          }
        }
      }
      for (DayOfWeek day : DayOfWeek.values()) {
        for (TextStyle style : List.of(TextStyle.FULL, TextStyle.FULL_STANDALONE)) {
          String name = name(day.getDisplayName(style, locale));
          if (name.length() >= 4) {
            weekdays.putIfAbsent(name, day);
          }
        }
      }
    }
    book.pairs("month-alias").forEach((k, v) -> months.putIfAbsent(k, Integer.parseInt(v)));
    book.pairs("weekday-alias")
        .forEach((k, v) -> weekdays.putIfAbsent(k, DayOfWeek.valueOf(v.toUpperCase(Locale.ROOT))));
    String monthNames = alternation(months.keySet());
    this.dayMonth =
        Pattern.compile(
            "(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|er|eme|e|o|a)?\\.?\\s*(?:of\\s+|de\\s+)?("
                + monthNames
                + ")(?!\\p{L})\\.?(?:,?\\s*(?:de\\s+)?(\\d{4}))?");
    this.monthDay =
        Pattern.compile(
            "(?<![\\p{L}\\d])("
                + monthNames
                + ")\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?");
    this.weekday =
        Pattern.compile("(?<![\\p{L}])(" + alternation(weekdays.keySet()) + ")(?!\\p{L})");
  }

  private static String name(String display) {
    String folded = Fold.fold(display).strip();
    return folded.endsWith(".") ? folded.substring(0, folded.length() - 1) : folded;
  }

  private static String alternation(Set<String> names) {
    return names.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
  }

  /**
   * The return instant the folded text states, if any. A return cue ("back on", "ab dem") wins over
   * a cue that follows its date ("am 15.03. wieder im Büro"), and both over an "until" cue, so that
   * "out until the 11th and back on the 12th" reads the 12th.
   *
   * @param today the day the message was received, in {@code zone}; null if unknown, then only
   *     dates with a year are read
   * @param monthFirst read an ambiguous 3/4 as March 4 (English from the Americas)
   */
  Optional<Instant> read(String folded, LocalDate today, ZoneOffset zone, boolean monthFirst) {
    Optional<Found> found = after("return-cue", folded, today, monthFirst);
    if (found.isEmpty()) {
      found = before(folded, today, monthFirst);
    }
    if (found.isEmpty()) {
      found = after("until-cue", folded, today, monthFirst);
    }
    return found.map(f -> f.date().atTime(f.time()).toInstant(zone));
  }

  /** A date in a window; {@code time} is null until one is read. */
  private record Found(int start, int end, LocalDate date, LocalTime time, boolean dayOnly) {}

  private Optional<Found> after(
      String section, String folded, LocalDate today, boolean monthFirst) {
    for (PhraseBook.Hit cue : book.find(section, folded)) {
      String window = folded.substring(cue.end(), Math.min(folded.length(), cue.end() + WINDOW));
      Matcher end = SENTENCE_END.matcher(window);
      if (end.find()) {
        window = window.substring(0, end.start());
      }
      List<Found> found = dates(window, today, monthFirst);
      found.removeIf(f -> f.start() > CUE_REACH);
      if (!found.isEmpty()) {
        Found first = found.get(0);
        if (first.dayOnly()) {
          // "Monday, 14 March": the date after the weekday is the precise one.
          for (Found later : found) {
            if (!later.dayOnly()
                && later.start() >= first.end()
                && later.start() - first.end() <= 6) {
              first = later;
              break;
            }
          }
        }
        return Optional.of(withTime(first, window));
      }
    }
    return Optional.empty();
  }

  private Optional<Found> before(String folded, LocalDate today, boolean monthFirst) {
    for (PhraseBook.Hit cue : book.find("return-cue-after", folded)) {
      String window = folded.substring(Math.max(0, cue.start() - WINDOW), cue.start());
      Matcher end = SENTENCE_END.matcher(window);
      int from = 0;
      while (end.find()) {
        from = end.end();
      }
      window = window.substring(from);
      List<Found> found = dates(window, today, monthFirst);
      int length = window.length();
      found.removeIf(f -> length - f.end() > CUE_REACH);
      found.sort(Comparator.comparingInt(Found::end).thenComparingInt(f -> f.dayOnly() ? 0 : 1));
      if (!found.isEmpty()) {
        return Optional.of(withTime(found.get(found.size() - 1), window));
      }
    }
    return Optional.empty();
  }

  private Found withTime(Found found, String window) {
    LocalTime time = found.time();
    if (time == null) {
      time = time(window.substring(found.end())).orElse(LocalTime.MIDNIGHT);
    }
    return new Found(found.start(), found.end(), found.date(), time, found.dayOnly());
  }

  /** The plausible dates in a window, earliest first; a full date before a weekday at one place. */
  private List<Found> dates(String window, LocalDate today, boolean monthFirst) {
    List<Found> found = new ArrayList<>();
    collect(found, iso, window, m -> ymd(m.group(1), m.group(2), m.group(3), today), this::isoTime);
    collect(found, dayMonth, window, m -> named(m.group(1), m.group(2), m.group(3), today), null);
    collect(found, monthDay, window, m -> named(m.group(2), m.group(1), m.group(3), today), null);
    collect(found, numeric, window, m -> numeric(m, window, today, monthFirst), null);
    if (today != null) {
      Matcher w = weekday.matcher(window);
      while (w.find()) {
        LocalDate next = today.with(TemporalAdjusters.next(weekdays.get(w.group(1))));
        found.add(new Found(w.start(), w.end(), next, null, true));
      }
      for (PhraseBook.Hit relative : book.find("relative-day", window)) {
        String days = book.pairs("relative-day").get(relative.phrase());
        if (days == null) {
          continue;
        }
        LocalDate date =
            days.equals("week")
                ? today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                : today.plusDays(Integer.parseInt(days));
        found.add(new Found(relative.start(), relative.end(), date, null, true));
      }
    }
    found.removeIf(f -> !plausible(f.date(), today));
    found.sort(Comparator.comparingInt(Found::start).thenComparingInt(f -> f.dayOnly() ? 1 : 0));
    return found;
  }

  private LocalTime isoTime(Matcher m) {
    return m.group(4) == null
        ? null
        : at(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
  }

  private static void collect(
      List<Found> found,
      Pattern pattern,
      String window,
      Function<Matcher, LocalDate> date,
      Function<Matcher, LocalTime> time) {
    Matcher m = pattern.matcher(window);
    while (m.find()) {
      LocalDate d = date.apply(m);
      if (d != null) {
        found.add(new Found(m.start(), m.end(), d, time == null ? null : time.apply(m), false));
      }
    }
  }

  private LocalDate named(String day, String monthName, String year, LocalDate today) {
    Integer month = months.get(monthName);
    return month == null ? null : date(Integer.parseInt(day), month, year, today);
  }

  private static LocalDate ymd(String year, String month, String day, LocalDate today) {
    return date(Integer.parseInt(day), Integer.parseInt(month), year, today);
  }

  private static LocalDate numeric(Matcher m, String window, LocalDate today, boolean monthFirst) {
    String after = window.substring(m.end());
    if (after.matches("(?s)^\\.?\\s*(?:uhr|h|u)(?![\\p{L}]).*")) {
      return null; // "14.30 Uhr" is a time
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(3));
    String year = m.group(4);
    if (monthFirst && a <= 12 && b <= 31) {
      LocalDate date = date(b, a, year, today);
      if (date != null) {
        return date;
      }
    }
    LocalDate date = date(a, b, year, today);
    return date != null ? date : date(b, a, year, today);
  }

  private static LocalDate date(int day, int month, String year, LocalDate today) {
    try {
      if (year != null) {
        int y = Integer.parseInt(year);
        return LocalDate.of(y < 100 ? 2000 + y : y, month, day);
      }
      if (today == null) {
        return null;
      }
      for (int y = today.getYear(); y <= today.getYear() + 4; y++) {
        try {
          LocalDate candidate = LocalDate.of(y, month, day);
          if (!candidate.isBefore(today)) {
            return candidate;
          }
        } catch (DateTimeException e) {
          // 29 February: try the next year
        }
      }
      return null;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean plausible(LocalDate date, LocalDate today) {
    if (today == null) {
      return true;
    }
    return !date.isBefore(today.minusDays(DAYS_BACK)) && !date.isAfter(today.plusDays(DAYS_AHEAD));
  }

  private static Optional<LocalTime> time(String after) {
    Matcher m = TIME.matcher(after.length() > 25 ? after.substring(0, 25) : after);
    if (!m.find()) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(m.group(1));
    String separator = m.group(2);
    int minute = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    String suffix = m.group(4);
    boolean minutesClear = separator != null && !separator.equals(".");
    if (!minutesClear && suffix == null) {
      return Optional.empty();
    }
    if (suffix != null && suffix.startsWith("p") && hour < 12) {
      hour += 12;
    } else if (suffix != null && suffix.startsWith("a") && hour == 12) {
      hour = 0;
    }
    return Optional.ofNullable(at(hour, minute));
  }

  private static LocalTime at(int hour, int minute) {
    try {
      return LocalTime.of(hour, minute);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
