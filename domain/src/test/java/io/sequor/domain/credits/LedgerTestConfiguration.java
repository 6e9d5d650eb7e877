package io.sequor.domain.credits;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.config.TestProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/** The ledger on a real PostgreSQL, with a clock the test moves. */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
@Import(CreditLedger.class)
class LedgerTestConfiguration {

  /** The plan the property tests use: 5 a month, at most 12 held, extra credits for sale. */
  static final SequorProperties.LinkedIn.Plan SMALL =
      new SequorProperties.LinkedIn.Plan(5, 12, true, BigDecimal.TEN, BigDecimal.TEN);

  static final AtomicReference<Instant> NOW =
      new AtomicReference<>(Instant.parse("2026-01-15T09:00:00Z"));

  static void advance(Duration by) {
    NOW.updateAndGet(t -> t.plus(by));
  }

  @Bean(destroyMethod = "close")
  EmbeddedPostgres postgres() throws IOException {
    return EmbeddedPostgres.builder().start();
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres) {
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  @Bean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }

  @Bean
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
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
