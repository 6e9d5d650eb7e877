package io.sequor.domain.unsubscribe;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.enrolments.ResponseIntake;
import io.sequor.domain.enrolments.ResponseStore;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.workflows.enrolment.ResponseKind;
import io.sequor.workflows.sequence.Medium;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What clicking an email's unsubscribe link does. The address is suppressed at once, the same way
 * an {@code UNSUBSCRIBE} response suppresses it (with the prospect's LinkedIn profile), so nothing
 * more is sent even before a workflow hears of it; then every live enrolment of the address gets an
 * {@code UNSUBSCRIBE} response through {@link ResponseIntake}, which stops its workflow.
 */
@Service
public class Unsubscribes {

  private static final Logger log = LoggerFactory.getLogger(Unsubscribes.class);
  static final String REASON = "unsubscribed by link";

  private final UnsubscribeTokens tokens;
  private final EnrolmentStore enrolments;
  private final ProspectStore prospects;
  private final ResponseStore responses;
  private final ResponseIntake intake;
  private final JdbcClient jdbc;
  private final boolean suppressDomain;
  private final EventLog events;
  private final TransactionTemplate tx;

  Unsubscribes(
      UnsubscribeTokens tokens,
      EnrolmentStore enrolments,
      ProspectStore prospects,
      ResponseStore responses,
      ResponseIntake intake,
      JdbcClient jdbc,
      SequorProperties properties,
      EventLog events,
      TransactionTemplate tx) {
    this.tokens = tokens;
    this.enrolments = enrolments;
    this.prospects = prospects;
    this.responses = responses;
    this.intake = intake;
    this.jdbc = jdbc;
    this.suppressDomain = properties.mail().unsubscribeSuppressesDomain();
    this.events = events;
    this.tx = tx;
  }

  /** The prospect a genuine token was made for; empty for a forged, altered or unknown one. */
  public Optional<Prospect> recipient(String token) {
    Optional<EnrolmentRecord> enrolment = tokens.enrolmentOf(token).flatMap(enrolments::find);
    if (enrolment.isEmpty()) {
      return Optional.empty();
    }
    Prospect prospect = prospects.get(enrolment.get().prospectId());
    return tokens.verify(token, enrolment.get().id(), prospect.email())
        ? Optional.of(prospect)
        : Optional.empty();
  }

  /**
   * Unsubscribes the address a token was made for. Repeating it changes nothing more.
   *
   * @return false, with nothing changed, when the token is not genuine
   */
  public boolean unsubscribe(String token) {
    Optional<Prospect> recipient = recipient(token);
    if (recipient.isEmpty()) {
      return false;
    }
    Prospect prospect = recipient.get();
    UUID enrolmentId = tokens.enrolmentOf(token).orElseThrow();
    tx.executeWithoutResult(
        status -> {
          prospects.suppress(prospect, REASON);
          if (suppressDomain) {
            prospects.suppressDomain(ProspectStore.domainOf(prospect.email()), REASON);
          }
          events.append(
              EventType.PROSPECT_UNSUBSCRIBED,
              enrolmentId,
              null,
              "EMAIL",
              EventLog.data("kind", "UNSUBSCRIBE"),
              null,
              "unsubscribed:" + enrolmentId);
        });
    int stopped = 0;
    for (UUID id : liveEnrolmentsOf(prospect.email())) {
      if (responses.hasStoppingResponse(id)) {
        continue;
      }
      try {
        intake.record(
            id, Medium.EMAIL, ResponseKind.UNSUBSCRIBE, null, null, "one-click unsubscribe link");
        stopped++;
      } catch (RuntimeException e) {
        // The suppression already holds every further send; a later click signals again.
        log.warn(
            "enrolment {}: unsubscribe not delivered to its workflow ({}); its sends are held by"
                + " the suppression",
            id,
            e.getClass().getSimpleName());
      }
    }
    log.info(
        "unsubscribe link of enrolment {}: address suppressed, {} live enrolment(s) stopped",
        tokens.enrolmentOf(token).orElseThrow(),
        stopped);
    return true;
  }

  private List<UUID> liveEnrolmentsOf(String email) {
    return jdbc.sql(
            "SELECT e.id FROM enrolments e JOIN prospects p ON p.id = e.prospect_id"
                + " WHERE lower(p.email) = lower(?) AND e.status NOT IN ('COMPLETED', 'STOPPED')"
                + " ORDER BY e.created_at")
        .param(email)
        .query(UUID.class)
        .list();
  }
}
