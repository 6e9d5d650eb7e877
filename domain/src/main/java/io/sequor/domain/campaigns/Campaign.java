package io.sequor.domain.campaigns;

import io.sequor.workflows.campaign.CampaignPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign as the store knows it.
 *
 * @param seatIds the seats its LinkedIn steps go out from, in rotation
 * @param mailboxIds the mailboxes its emails go out from, in rotation; empty for the default one
 * @param scheduleJson the schedule its enrolments keep to, as stored; null for none
 * @param allowActiveElsewhere enrol prospects who are live in another sequence too
 * @param stopCompanyOnReply a reply from one person stops the campaign's other enrolments at the
 *     same company
 */
public record Campaign(
    UUID id,
    UUID workspaceId,
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
    Duration pageInterval,
    CampaignPhase phase,
    Instant createdAt,
    Instant launchedAt,
    Instant finishedAt) {}
