package io.sequor.domain.classifications;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.inbound.ReplyClass;
import io.sequor.inbound.ReplyClassifier;
import io.sequor.inbound.ReplySignal;
import io.sequor.inbound.ReplyVerdict;
import io.sequor.workflows.enrolment.ResponseKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classifies each human reply when it is recorded, keeps a person's overrides, and follows the
 * workspace's definition of positive. Reports count {@code COALESCE(override_class, rule_class)}.
 */
@Service
public class ReplyClassifications {

  private static final String SELECT =
      "SELECT c.*, r.channel, r.kind, r.occurred_at, r.body, e.campaign_id"
          + " FROM reply_classifications c JOIN responses r ON r.id = c.response_id"
          + " JOIN enrolments e ON e.id = c.enrolment_id";

  private static final int MAX_NOTE = 1000;

  private final JdbcClient jdbc;
  private final SequorClock clock;
  private final ReplyClassifier classifier = ReplyClassifier.standard();

  ReplyClassifications(JdbcClient jdbc, SequorClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Classifies a human reply, in the transaction that records it. The InMail buttons need no
   * reading: accept agrees to talk, decline is not interested.
   *
   * @param eventId the response.replied event the reply appended
   */
  public void classify(
      UUID responseId, UUID eventId, UUID enrolmentId, ResponseKind kind, String body) {
    UUID workspaceId =
        jdbc.sql("SELECT workspace_id FROM enrolments WHERE id = ?")
            .param(enrolmentId)
            .query(UUID.class)
            .single();
    Set<ReplySignal> positive = positiveSignals(workspaceId);
    ReplyVerdict verdict =
        switch (kind) {
          case INMAIL_ACCEPTED ->
              new ReplyVerdict(
                  ReplySignal.AGREES_TO_CALL,
                  ReplyClassifier.classOf(ReplySignal.AGREES_TO_CALL, positive),
                  null,
                  null);
          case INMAIL_DECLINED ->
              new ReplyVerdict(
                  ReplySignal.NOT_INTERESTED,
                  ReplyClassifier.classOf(ReplySignal.NOT_INTERESTED, positive),
                  null,
                  null);
          default -> classifier.classify(body, positive);
        };
    jdbc.sql(
            "INSERT INTO reply_classifications (response_id, event_id, workspace_id,"
                + " enrolment_id, signal, rule_class, matched_phrase, language, classified_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (response_id) DO NOTHING")
        .params(
            responseId,
            eventId,
            workspaceId,
            enrolmentId,
            verdict.signal().name(),
            verdict.classification().name(),
            verdict.matchedPhrase(),
            verdict.language(),
            Timestamp.from(clock.now()))
        .update();
  }

  /** The signals the workspace counts as positive replies. */
  public Set<ReplySignal> positiveSignals(UUID workspaceId) {
    String[] names =
        jdbc.sql("SELECT positive_signals FROM workspaces WHERE id = ?")
            .param(workspaceId)
            .query((rs, row) -> (String[]) rs.getArray(1).getArray())
            .single();
    Set<ReplySignal> signals = EnumSet.noneOf(ReplySignal.class);
    Arrays.stream(names).map(ReplySignal::valueOf).forEach(signals::add);
    return signals;
  }

  /**
   * Sets what counts as positive for the workspace and re-reads every reply's rule class under it
   * (overrides stay as a person set them).
   *
   * @return how many replies changed rule class
   * @throws InvalidInputException naming {@code signals} for a signal that cannot be positive
   */
  @Transactional
  public int define(UUID workspaceId, Collection<ReplySignal> signals) {
    Set<ReplySignal> positive;
    try {
      positive = ReplyClassifier.checkPositiveSignals(signals);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("signals", e.getMessage());
    }
    jdbc.sql("UPDATE workspaces SET positive_signals = ? WHERE id = ?")
        .params(positive.stream().map(Enum::name).toArray(String[]::new), workspaceId)
        .update();
    int changed = 0;
    for (ReplySignal signal : ReplySignal.values()) {
      changed +=
          jdbc.sql(
                  "UPDATE reply_classifications SET rule_class = ?"
                      + " WHERE workspace_id = ? AND signal = ? AND rule_class <> ?")
              .params(
                  ReplyClassifier.classOf(signal, positive).name(),
                  workspaceId,
                  signal.name(),
                  ReplyClassifier.classOf(signal, positive).name())
              .update();
    }
    return changed;
  }

  /**
   * A person's classification of a reply, kept with the one it replaces.
   *
   * @throws NotFoundException when the reply is not a human reply of the workspace
   */
  @Transactional
  public ClassifiedReply override(
      UUID workspaceId, UUID responseId, ReplyClass to, String note, UUID changedBy) {
    if (to == null) {
      throw new InvalidInputException(
          "classification", "is required: POSITIVE, NEUTRAL, NEGATIVE or REFERRAL");
    }
    if (note != null && note.length() > MAX_NOTE) {
      throw new InvalidInputException("note", "is longer than " + MAX_NOTE + " characters");
    }
    ClassifiedReply before = get(workspaceId, responseId);
    Instant now = clock.now();
    jdbc.sql(
            "UPDATE reply_classifications SET override_class = ?, overridden_by = ?,"
                + " overridden_at = ?, override_note = ? WHERE response_id = ?")
        .params(to.name(), changedBy, Timestamp.from(now), note, responseId)
        .update();
    jdbc.sql(
            "INSERT INTO reply_classification_changes (response_id, from_class, to_class,"
                + " changed_by, note, changed_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            responseId,
            before.classification().name(),
            to.name(),
            changedBy,
            note,
            Timestamp.from(now))
        .update();
    return get(workspaceId, responseId);
  }

  /** A human reply of the workspace, with every override. */
  public ClassifiedReply get(UUID workspaceId, UUID responseId) {
    ClassifiedReply reply =
        jdbc.sql(SELECT + " WHERE c.response_id = ? AND c.workspace_id = ?")
            .params(responseId, workspaceId)
            .query(ReplyClassifications::map)
            .optional()
            .orElseThrow(() -> new NotFoundException("reply", responseId));
    List<ClassifiedReply.Change> changes =
        jdbc.sql("SELECT * FROM reply_classification_changes WHERE response_id = ? ORDER BY id")
            .param(responseId)
            .query(
                (rs, row) ->
                    new ClassifiedReply.Change(
                        ReplyClass.valueOf(rs.getString("from_class")),
                        ReplyClass.valueOf(rs.getString("to_class")),
                        rs.getObject("changed_by", UUID.class),
                        rs.getString("note"),
                        rs.getTimestamp("changed_at").toInstant()))
            .list();
    return reply.withChanges(changes);
  }

  /** Filters of {@link #list}; null means any. */
  public record Filter(
      ReplyClass classification, Boolean overridden, UUID campaignId, UUID enrolmentId) {}

  /** The workspace's human replies, newest first, after a keyset position. */
  public List<ClassifiedReply> list(
      UUID workspaceId, Filter filter, Instant afterAt, UUID afterId, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE c.workspace_id = ?");
    params.add(workspaceId);
    if (filter.classification() != null) {
      sql.append(" AND COALESCE(c.override_class, c.rule_class) = ?");
      params.add(filter.classification().name());
    }
    if (filter.overridden() != null) {
      sql.append(
          filter.overridden()
              ? " AND c.override_class IS NOT NULL"
              : " AND c.override_class IS NULL");
    }
    if (filter.campaignId() != null) {
      sql.append(" AND e.campaign_id = ?");
      params.add(filter.campaignId());
    }
    if (filter.enrolmentId() != null) {
      sql.append(" AND c.enrolment_id = ?");
      params.add(filter.enrolmentId());
    }
    if (afterAt != null) {
      sql.append(" AND (r.occurred_at, c.response_id) < (?, ?)");
      params.add(Timestamp.from(afterAt));
      params.add(afterId);
    }
    sql.append(" ORDER BY r.occurred_at DESC, c.response_id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(ReplyClassifications::map).list();
  }

  private static ClassifiedReply map(ResultSet rs, int row) throws SQLException {
    String override = rs.getString("override_class");
    ReplyClass ruleClass = ReplyClass.valueOf(rs.getString("rule_class"));
    Timestamp overriddenAt = rs.getTimestamp("overridden_at");
    return new ClassifiedReply(
        rs.getObject("response_id", UUID.class),
        rs.getObject("enrolment_id", UUID.class),
        rs.getObject("campaign_id", UUID.class),
        rs.getString("channel"),
        rs.getString("kind"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("body"),
        ReplySignal.valueOf(rs.getString("signal")),
        ruleClass,
        rs.getString("matched_phrase"),
        rs.getString("language"),
        override == null ? ruleClass : ReplyClass.valueOf(override),
        override != null,
        overriddenAt == null ? null : overriddenAt.toInstant(),
        rs.getString("override_note"),
        List.of());
  }
}
