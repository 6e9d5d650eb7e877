package io.sequor.domain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.config.TestProperties;
import io.sequor.domain.config.TestStore;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.enrolments.StepExecution;
import io.sequor.domain.enrolments.StepExecutionStore;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.secrets.SecretBox;
import io.sequor.domain.secrets.SecretsProperties;
import io.sequor.domain.webhooks.WebhookStore;
import io.sequor.domain.workspaces.Workspaces;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import io.sequor.workflows.sequence.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event log on a real PostgreSQL: one event per change however often the change is repeated,
 * nothing when the change rolls back, and a delivery for each subscription that asked for the type.
 */
@SpringJUnitConfig(EventLogTest.Config.class)
class EventLogTest {

  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  @Configuration(proxyBeanMethods = false)
  @Import({
    TestStore.class,
    EventLog.class,
    EnrolmentStore.class,
    StepExecutionStore.class,
    WebhookStore.class
  })
  static class Config {
    @Bean
    SequorClock sequorClock() {
      return () -> NOW;
    }

    @Bean
    SequorProperties sequorProperties() {
      return TestProperties.bind(Map.of("mail.from", "outreach@example.com"));
    }

    @Bean
    SecretBox secretBox() {
      return new SecretBox(new SecretsProperties(SecretBox.newKey(), List.of()));
    }

    @Bean
    Woken woken() {
      return new Woken();
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
      return new TransactionTemplate(transactions);
    }
  }

  /** Records which subscriptions were told of new deliveries, and when. */
  static class Woken implements EventLog.DeliveryListener {
    final List<UUID> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(List<UUID> subscriptionIds) {
      subscriptions.addAll(subscriptionIds);
    }
  }

  @Autowired EventLog events;
  @Autowired EnrolmentStore enrolments;
  @Autowired StepExecutionStore executions;
  @Autowired WebhookStore webhooks;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Woken woken;

  @Test
  void aSendFinishedTwiceByARetriedActivityIsLoggedOnce() {
    UUID enrolment = newEnrolment();
    String key = enrolment + ":day-0";
    StepExecutionStore.Claim claim =
        executions.claim(key, enrolment, "day-0", Channel.EMAIL, null, NOW, NOW);
    assertThat(claim.token()).isPresent();

    executions.finish(key, StepExecution.Status.SENT, "<m1@sequor>", false, false, null, NOW);
    executions.finish(key, StepExecution.Status.SENT, "<m1@sequor>", false, false, null, NOW);

    assertThat(events.forEnrolment(enrolment))
        .extracting(Event::type)
        .containsExactly("enrolment.enrolled", "step.sent");
    Event sent = events.forEnrolment(enrolment).get(1);
    assertThat(sent.data())
        .containsEntry("enrolmentId", enrolment.toString())
        .containsEntry("stepKey", "day-0")
        .containsEntry("channel", "EMAIL")
        .containsKey("prospectId");
    assertThat(sent.workspaceId()).isEqualTo(Workspaces.DEFAULT);
  }

  @Test
  void theSameKeyAppendsNothingMoreAndAnswersEmpty() {
    UUID enrolment = newEnrolment();
    assertThat(
            events.append(
                EventType.CREDIT_SPENT, enrolment, "day-0", null, null, NOW, "k-" + enrolment))
        .isPresent();
    assertThat(
            events.append(
                EventType.CREDIT_SPENT, enrolment, "day-0", null, null, NOW, "k-" + enrolment))
        .isEmpty();
    assertThat(events.forEnrolment(enrolment))
        .extracting(Event::type)
        .containsExactly("enrolment.enrolled", "credit.spent");
  }

  @Test
  void aFinishRecordedTwiceIsOneFinishedEventWithItsReason() {
    UUID enrolment = newEnrolment();
    enrolments.recordStatus(enrolment, EnrolmentStatus.STOPPED, StopReason.REPLIED);
    enrolments.recordStatus(enrolment, EnrolmentStatus.STOPPED, StopReason.REPLIED);

    assertThat(events.forEnrolment(enrolment))
        .filteredOn(e -> e.type().equals("enrolment.finished"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.data())
                    .containsEntry("status", "STOPPED")
                    .containsEntry("reason", "REPLIED"));
  }

  @Test
  void aChangeThatRollsBackLeavesNoEventNoDeliveryAndWakesNobody() {
    UUID enrolment = newEnrolment();
    UUID subscription = subscribe("credit.spent");
    woken.subscriptions.clear();

    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    status -> {
                      events.append(
                          EventType.CREDIT_SPENT,
                          enrolment,
                          "day-0",
                          null,
                          null,
                          NOW,
                          "rb-" + enrolment);
                      throw new IllegalStateException("the change failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(events.forEnrolment(enrolment))
        .extracting(Event::type)
        .doesNotContain("credit.spent");
    assertThat(deliveries(subscription)).isZero();
    assertThat(woken.subscriptions).doesNotContain(subscription);
  }

  @Test
  void eachSubscriptionOfTheTypeGetsOneDeliveryAndIsWokenAfterCommit() {
    UUID enrolment = newEnrolment();
    UUID replies = subscribe("response.replied", "step.sent");
    UUID other = subscribe("enrolment.finished");
    woken.subscriptions.clear();

    tx.executeWithoutResult(
        status -> {
          events.append(
              EventType.RESPONSE_REPLIED, enrolment, null, "EMAIL", null, NOW, "r-" + enrolment);
          assertThat(woken.subscriptions).as("not before the commit").isEmpty();
        });

    assertThat(deliveries(replies)).isEqualTo(1);
    assertThat(deliveries(other)).isZero();
    assertThat(woken.subscriptions).contains(replies).doesNotContain(other);
  }

  @Test
  void aSubscriptionRefusesPlainHttpToAnotherHostAndUnknownEventTypes() {
    assertThatThrownBy(
            () ->
                webhooks.create(
                    Workspaces.DEFAULT,
                    "http://crm.example.com/hook",
                    List.of("step.sent", "step.opened"),
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactlyInAnyOrder("url", "events[1]"));
  }

  private UUID subscribe(String... types) {
    return webhooks
        .create(Workspaces.DEFAULT, "https://hooks.example.com/x", List.of(types), null)
        .subscription()
        .id();
  }

  private int deliveries(UUID subscription) {
    return jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = ?")
        .param(subscription)
        .query(Integer.class)
        .single();
  }

  private UUID newEnrolment() {
    UUID prospect = UUID.randomUUID();
    UUID sequence = UUID.randomUUID();
    UUID version = UUID.randomUUID();
    String seat = "seat-" + prospect;
    Timestamp now = Timestamp.from(NOW);
    jdbc.sql("INSERT INTO prospects (id, email, created_at, updated_at) VALUES (?, ?, ?, ?)")
        .params(prospect, prospect + "@example.com", now, now)
        .update();
    jdbc.sql("INSERT INTO sequences (id, name, created_at) VALUES (?, ?, ?)")
        .params(sequence, "s-" + sequence, now)
        .update();
    jdbc.sql(
            "INSERT INTO sequence_versions (id, sequence_id, version, definition, created_at)"
                + " VALUES (?, ?, 1, '{}'::jsonb, ?)")
        .params(version, sequence, now)
        .update();
    jdbc.sql("INSERT INTO seats (id, name, created_at) VALUES (?, ?, ?)")
        .params(seat, seat, now)
        .update();
    EnrolmentStore.Insert insert = enrolments.insert(prospect, sequence, version, seat, null, null);
    assertThat(insert).isInstanceOf(EnrolmentStore.Insert.Created.class);
    return ((EnrolmentStore.Insert.Created) insert).enrolment().id();
  }
}
