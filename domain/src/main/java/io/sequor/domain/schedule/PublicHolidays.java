package io.sequor.domain.schedule;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Nationwide public holidays per country, from Jollyday's maintained calendars. Regional holidays
 * (a US state's, a French département's) and observances are not counted: a schedule knows a
 * prospect's country, not their region.
 */
@Component
public class PublicHolidays {

  private static final Set<String> SUPPORTED =
      HolidayManager.getSupportedCalendarCodes().stream()
          .map(c -> c.toUpperCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  private final Map<String, HolidayManager> managers = new ConcurrentHashMap<>();
  private final Map<String, Map<LocalDate, String>> years = new ConcurrentHashMap<>();

  /** Whether there is a holiday calendar for the country. */
  public boolean knows(String country) {
    return country != null && SUPPORTED.contains(country.toUpperCase(Locale.ROOT));
  }

  /** The holiday's name when the date is a nationwide public holiday in the country. */
  public Optional<String> holiday(String country, LocalDate date) {
    if (!knows(country)) {
      return Optional.empty();
    }
    String code = country.toUpperCase(Locale.ROOT);
    Map<LocalDate, String> ofYear =
        years.computeIfAbsent(code + ":" + date.getYear(), k -> load(code, date.getYear()));
    return Optional.ofNullable(ofYear.get(date));
  }

  private Map<LocalDate, String> load(String code, int year) {
    HolidayManager manager =
        managers.computeIfAbsent(
            code,
            c -> HolidayManager.getInstance(ManagerParameters.create(c.toLowerCase(Locale.ROOT))));
    return manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY).stream()
        .collect(
            Collectors.toUnmodifiableMap(
                Holiday::getDate, h -> h.getDescription(Locale.ENGLISH), (a, b) -> a + " / " + b));
  }
}
