package io.sequor.domain.campaigns;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.events.EventLog;
import io.sequor.domain.events.EventType;
import io.sequor.workflows.campaign.CampaignPhase;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Campaign rows, their frozen audience and the launch's decision for each prospect. */
@Repository
public class CampaignStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;
  private final EventLog events;

  CampaignStore(JdbcClient jdbc, JsonMapper json, SequorClock clock, EventLog events) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.events = events;
  }

  /** A campaign to create; every reference was checked by the caller. */
  public record Draft(
      String name,
      UUID sequenceId,
      UUID sequenceVersionId,
      Audience audience,
      List<String> seatIds,
      List<String> mailboxIds,
      String scheduleJson,
      boolean allowActiveElsewhere,
      boolean stopCompanyOnReply,
      int pageSize,
      Duration pageInterval) {}

  /**
   * @throws ConflictException when the workspace has a campaign of that name
   */
  public Campaign create(UUID workspaceId, Draft draft) {
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql(
              "INSERT INTO campaigns (id, workspace_id, name, sequence_id, sequence_version_id,"
                  + " audience, seat_ids, mailbox_ids, schedule, allow_active_elsewhere,"
                  + " stop_company_on_reply, page_size, page_interval_ms, status, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, ?, 'DRAFT', ?)")
          .params(
              id,
              workspaceId,
              draft.name(),
              draft.sequenceId(),
              draft.sequenceVersionId(),
              json.writeValueAsString(draft.audience()),
              draft.seatIds().toArray(String[]::new),
              draft.mailboxIds().toArray(String[]::new),
              draft.scheduleJson(),
              draft.allowActiveElsewhere(),
              draft.stopCompanyOnReply(),
              draft.pageSize(),
              draft.pageInterval().toMillis(),
              Timestamp.from(clock.now()))
          .update();
    } catch (DuplicateKeyException e) {
      UUID existing =
          jdbc.sql("SELECT id FROM campaigns WHERE workspace_id = ? AND name = ?")
              .params(workspaceId, draft.name())
              .query(UUID.class)
              .single();
      throw new ConflictException(
          "a campaign named '" + draft.name() + "' exists already", existing.toString());
    }
    return find(id).orElseThrow();
  }

  /** The workspace's campaign; another workspace's is as unknown as a missing one. */
  public Campaign get(UUID workspaceId, UUID id) {
    return find(id)
        .filter(c -> c.workspaceId().equals(workspaceId))
        .orElseThrow(() -> new NotFoundException("campaign", id));
  }

  public Optional<Campaign> find(UUID id) {
    return jdbc.sql("SELECT * FROM campaigns WHERE id = ?").param(id).query(this::map).optional();
  }

  /** Newest first, after the campaign {@code after} (a keyset cursor); phase may be null. */
  public List<Campaign> list(UUID workspaceId, CampaignPhase phase, UUID after, int limit) {
    return jdbc.sql(
            "SELECT * FROM campaigns WHERE workspace_id = ?"
                + " AND (CAST(? AS text) IS NULL OR status = ?)"
                + " AND (CAST(? AS uuid) IS NULL OR (created_at, id) <"
                + " (SELECT created_at, id FROM campaigns WHERE id = ?))"
                + " ORDER BY created_at DESC, id DESC LIMIT ?")
        .params(
            workspaceId,
            phase == null ? null : phase.name(),
            phase == null ? null : phase.name(),
            after,
            after,
            limit)
        .query(this::map)
        .list();
  }

  /** Later pages of the launch enrol on this version. */
  public void setVersion(UUID id, UUID versionId) {
    jdbc.sql("UPDATE campaigns SET sequence_version_id = ? WHERE id = ?")
        .params(versionId, id)
        .update();
  }

  public void setPhase(UUID id, CampaignPhase phase) {
    Timestamp now = Timestamp.from(clock.now());
    jdbc.sql(
            "UPDATE campaigns SET status = ?,"
                + " launched_at = CASE WHEN ? AND launched_at IS NULL THEN ? ELSE launched_at END,"
                + " finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?")
        .params(phase.name(), phase == CampaignPhase.LAUNCHED, now, phase.isFinal(), now, id)
        .update();
  }

  /**
   * Moves a draft to LAUNCHING and freezes its audience in the same transaction; a campaign past
   * its draft is left alone, so a retried call freezes nothing twice.
   *
   * @return whether this call froze the audience
   */
  @Transactional
  public boolean freezeAudience(UUID id) {
    int moved =
        jdbc.sql("UPDATE campaigns SET status = 'LAUNCHING' WHERE id = ? AND status = 'DRAFT'")
            .param(id)
            .update();
    if (moved == 0) {
      return false;
    }
    Campaign campaign = find(id).orElseThrow();
    Audience audience = campaign.audience();
    if (audience.prospectIds() != null) {
      jdbc.sql(
              "INSERT INTO campaign_audience (campaign_id, prospect_id)"
                  + " SELECT ?, p.id FROM prospects p WHERE p.workspace_id = ?"
                  + " AND p.id = ANY (?) ON CONFLICT DO NOTHING")
          .params(id, campaign.workspaceId(), audience.prospectIds().toArray(UUID[]::new))
          .update();
    } else {
      Audience.Filter f = audience.filter();
      jdbc.sql(
              "INSERT INTO campaign_audience (campaign_id, prospect_id)"
                  + " SELECT ?, p.id FROM prospects p WHERE p.workspace_id = ?"
                  + " AND (CAST(? AS text) IS NULL OR lower(trim(p.company)) = lower(trim(?)))"
                  + " AND (CAST(? AS text) IS NULL OR lower(split_part(p.email, '@', 2)) ="
                  + " lower(?))"
                  + " AND (CAST(? AS text) IS NULL OR p.segment = ?)"
                  + " AND (CAST(? AS text) IS NULL OR p.timezone = ?)"
                  + " AND (CAST(? AS boolean) IS NULL OR (p.email IS NOT NULL) = ?)"
                  + " AND (CAST(? AS boolean) IS NULL OR (p.linkedin_url IS NOT NULL) = ?)"
                  + " ON CONFLICT DO NOTHING")
          .params(
              id,
              campaign.workspaceId(),
              f.company(),
              f.company(),
              f.emailDomain(),
              f.emailDomain(),
              f.segment(),
              f.segment(),
              f.timezone(),
              f.timezone(),
              f.hasEmail(),
              f.hasEmail(),
              f.hasLinkedin(),
              f.hasLinkedin())
          .update();
    }
    return true;
  }

  /** Which of these ids are prospects of the workspace. */
  public List<UUID> knownProspects(UUID workspaceId, List<UUID> ids) {
    return jdbc.sql("SELECT id FROM prospects WHERE workspace_id = ? AND id = ANY (?)")
        .params(workspaceId, ids.stream().filter(Objects::nonNull).toArray(UUID[]::new))
        .query(UUID.class)
        .list();
  }

  /** The next prospects of the frozen audience after {@code after}, in id order. */
  public List<UUID> audiencePage(UUID campaignId, UUID after, int limit) {
    return jdbc.sql(
            "SELECT prospect_id FROM campaign_audience WHERE campaign_id = ?"
                + " AND (CAST(? AS uuid) IS NULL OR prospect_id > ?)"
                + " ORDER BY prospect_id LIMIT ?")
        .params(campaignId, after, after, limit)
        .query(UUID.class)
        .list();
  }

  /** The decisions already taken for these prospects. */
  public Map<UUID, Member> members(UUID campaignId, List<UUID> prospectIds) {
    Map<UUID, Member> found = new HashMap<>();
    jdbc.sql("SELECT * FROM campaign_members WHERE campaign_id = ? AND prospect_id = ANY (?)")
        .params(campaignId, prospectIds.toArray(UUID[]::new))
        .query(CampaignStore::member)
        .list()
        .forEach(m -> found.put(m.prospectId(), m));
    return found;
  }

  /** The launch's decisions in the order it took them, after {@code afterPosition}. */
  public List<Member> members(
      UUID campaignId,
      Member.Outcome outcome,
      SkipReason reason,
      Integer afterPosition,
      int limit) {
    return jdbc.sql(
            "SELECT * FROM campaign_members WHERE campaign_id = ?"
                + " AND (CAST(? AS text) IS NULL OR outcome = ?)"
                + " AND (CAST(? AS text) IS NULL OR reason = ?)"
                + " AND position > ? ORDER BY position LIMIT ?")
        .params(
            campaignId,
            outcome == null ? null : outcome.name(),
            outcome == null ? null : outcome.name(),
            reason == null ? null : reason.name(),
            reason == null ? null : reason.name(),
            afterPosition == null ? -1 : afterPosition,
            limit)
        .query(CampaignStore::member)
        .list();
  }

  /** How many decisions the launch has taken: the position of the next one. */
  public int decided(UUID campaignId) {
    return jdbc.sql("SELECT count(*) FROM campaign_members WHERE campaign_id = ?")
        .param(campaignId)
        .query(Integer.class)
        .single();
  }

  /** Records a decision; a prospect already decided keeps its first decision. */
  public void decide(UUID campaignId, Member member) {
    jdbc.sql(
            "INSERT INTO campaign_members (campaign_id, prospect_id, position, outcome, reason,"
                + " detail, enrolment_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(
            campaignId,
            member.prospectId(),
            member.position(),
            member.outcome().name(),
            member.reason() == null ? null : member.reason().name(),
            member.detail(),
            member.enrolmentId(),
            Timestamp.from(member.decidedAt()))
        .update();
  }

  /**
   * Stores the campaign's enrolment of one prospect.
   *
   * @return the new enrolment's id; empty when the prospect is already live in the sequence
   */
  public Optional<UUID> insertEnrolment(
      Campaign campaign, UUID prospectId, String seatId, String mailboxId) {
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(clock.now());
    int inserted =
        jdbc.sql(
                "INSERT INTO enrolments (id, workspace_id, campaign_id, prospect_id, sequence_id,"
                    + " sequence_version_id, seat_id, mailbox_id, status, idempotency_key,"
                    + " schedule, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?::jsonb, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(
                id,
                campaign.workspaceId(),
                campaign.id(),
                prospectId,
                campaign.sequenceId(),
                campaign.sequenceVersionId(),
                seatId,
                mailboxId,
                "campaign:" + campaign.id() + ":" + prospectId,
                campaign.scheduleJson(),
                now,
                now)
            .update();
    if (inserted == 0) {
      return Optional.empty();
    }
    events.append(
        EventType.ENROLMENT_ENROLLED, id, null, null, null, now.toInstant(), "enrolled:" + id);
    return Optional.of(id);
  }

  /** The prospect's live enrolment in another sequence than this one, if any. */
  public Optional<UUID> liveElsewhere(UUID prospectId, UUID sequenceId) {
    return jdbc.sql(
            "SELECT id FROM enrolments WHERE prospect_id = ? AND sequence_id <> ?"
                + " AND status IN ('ACTIVE', 'PAUSED') ORDER BY created_at LIMIT 1")
        .params(prospectId, sequenceId)
        .query(UUID.class)
        .optional();
  }

  public Progress progress(UUID campaignId) {
    long audience =
        jdbc.sql("SELECT count(*) FROM campaign_audience WHERE campaign_id = ?")
            .param(campaignId)
            .query(Long.class)
            .single();
    Map<SkipReason, Long> skippedBy = new EnumMap<>(SkipReason.class);
    long[] enrolled = {0};
    jdbc.sql(
            "SELECT outcome, reason, count(*) AS n FROM campaign_members WHERE campaign_id = ?"
                + " GROUP BY outcome, reason")
        .param(campaignId)
        .query(
            (rs, row) -> {
              if (Member.Outcome.valueOf(rs.getString("outcome")) == Member.Outcome.ENROLLED) {
                enrolled[0] += rs.getLong("n");
              } else {
                skippedBy.merge(
                    SkipReason.valueOf(rs.getString("reason")), rs.getLong("n"), Long::sum);
              }
              return null;
            })
        .list();
    long skipped = skippedBy.values().stream().mapToLong(Long::longValue).sum();
    return new Progress(
        audience,
        enrolled[0],
        skipped,
        Math.max(0, audience - enrolled[0] - skipped),
        skippedBy,
        running(campaignId));
  }

  /** Enrolments of the campaign still running: active, paused or listening. */
  public long running(UUID campaignId) {
    return jdbc.sql(
            "SELECT count(*) FROM enrolments WHERE campaign_id = ?"
                + " AND status IN ('ACTIVE', 'PAUSED', 'LISTENING')")
        .param(campaignId)
        .query(Long.class)
        .single();
  }

  /** The campaign's enrolments in one of these statuses, after {@code after}, in id order. */
  public List<UUID> enrolments(UUID campaignId, List<String> statuses, UUID after, int limit) {
    return jdbc.sql(
            "SELECT id FROM enrolments WHERE campaign_id = ? AND status = ANY (?)"
                + " AND (CAST(? AS uuid) IS NULL OR id > ?) ORDER BY id LIMIT ?")
        .params(campaignId, statuses.toArray(String[]::new), after, after, limit)
        .query(UUID.class)
        .list();
  }

  /**
   * The other enrolments still sending at the same company (same name, ignoring case and
   * surrounding spaces) in the same campaign, when that campaign stops a company on a reply.
   */
  public List<UUID> companySiblings(UUID enrolmentId) {
    return jdbc.sql(
            "SELECT e2.id FROM enrolments e"
                + " JOIN campaigns c ON c.id = e.campaign_id AND c.stop_company_on_reply"
                + " JOIN prospects p ON p.id = e.prospect_id"
                + " JOIN enrolments e2 ON e2.campaign_id = e.campaign_id AND e2.id <> e.id"
                + " AND e2.status IN ('ACTIVE', 'PAUSED')"
                + " JOIN prospects p2 ON p2.id = e2.prospect_id"
                + " AND lower(trim(p2.company)) = lower(trim(p.company))"
                + " WHERE e.id = ? AND trim(coalesce(p.company, '')) <> '' ORDER BY e2.id")
        .param(enrolmentId)
        .query(UUID.class)
        .list();
  }

  private Campaign map(ResultSet rs, int row) throws SQLException {
    Timestamp launched = rs.getTimestamp("launched_at");
    Timestamp finished = rs.getTimestamp("finished_at");
    return new Campaign(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        rs.getString("name"),
        rs.getObject("sequence_id", UUID.class),
        rs.getObject("sequence_version_id", UUID.class),
        json.readValue(rs.getString("audience"), Audience.class),
        strings(rs.getArray("seat_ids")),
        strings(rs.getArray("mailbox_ids")),
        rs.getString("schedule"),
        rs.getBoolean("allow_active_elsewhere"),
        rs.getBoolean("stop_company_on_reply"),
        rs.getInt("page_size"),
        Duration.ofMillis(rs.getLong("page_interval_ms")),
        CampaignPhase.valueOf(rs.getString("status")),
        rs.getTimestamp("created_at").toInstant(),
        launched == null ? null : launched.toInstant(),
        finished == null ? null : finished.toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
  }

  private static Member member(ResultSet rs, int row) throws SQLException {
    String reason = rs.getString("reason");
    return new Member(
        rs.getObject("prospect_id", UUID.class),
        rs.getInt("position"),
        Member.Outcome.valueOf(rs.getString("outcome")),
        reason == null ? null : SkipReason.valueOf(reason),
        rs.getString("detail"),
        rs.getObject("enrolment_id", UUID.class),
        rs.getTimestamp("decided_at").toInstant());
  }
}
