package io.sequor.domain.credits;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.config.TestProperties;
import io.sequor.domain.config.TestStore;
import io.sequor.domain.events.EventLog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The ledger on a real PostgreSQL, with a clock the test moves. */
@Configuration(proxyBeanMethods = false)
@Import({TestStore.class, CreditLedger.class, EventLog.class})
class LedgerTestConfiguration {

  /** The plan the property tests use: 5 a month, at most 12 held, extra credits for sale. */
  static final SequorProperties.LinkedIn.Plan SMALL =
      new SequorProperties.LinkedIn.Plan(5, 12, true, BigDecimal.TEN, BigDecimal.TEN);

  static final AtomicReference<Instant> NOW =
      new AtomicReference<>(Instant.parse("2026-01-15T09:00:00Z"));

  static void advance(Duration by) {
    NOW.updateAndGet(t -> t.plus(by));
  }

  @Bean
  SequorClock sequorClock() {
    return NOW::get;
  }

  @Bean
  SequorProperties sequorProperties() {
    return TestProperties.bind(
        Map.of(
            "mail.from", "outreach@example.com",
            "linkedin.default-seat-plan", "small",
            "linkedin.plans.small.monthly-credits", "5",
            "linkedin.plans.small.cap", "12",
            "linkedin.plans.small.credits-purchasable", "true",
            "linkedin.plans.small.credit-price", "10",
            "linkedin.plans.small.cost-per-credit", "10",
            "linkedin.plans.no-sales.monthly-credits", "5",
            "linkedin.plans.no-sales.cap", "15",
            "linkedin.plans.no-sales.cost-per-credit", "1"));
  }
}
