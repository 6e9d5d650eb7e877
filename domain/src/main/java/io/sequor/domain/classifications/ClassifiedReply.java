package io.sequor.domain.classifications;

import io.sequor.inbound.ReplyClass;
import io.sequor.inbound.ReplySignal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A human reply with its classification.
 *
 * @param kind REPLY, INMAIL_ACCEPTED or INMAIL_DECLINED
 * @param signal what the rule set read from it
 * @param ruleClass how the rule set counts it under the workspace's definition of positive
 * @param classification the class in force: a person's override, else the rule set's
 * @param matchedPhrase the phrase of the rule set's lists that decided, if any
 * @param changes every override, oldest first (empty in lists)
 */
public record ClassifiedReply(
    UUID responseId,
    UUID enrolmentId,
    UUID campaignId,
    String channel,
    String kind,
    Instant occurredAt,
    String body,
    ReplySignal signal,
    ReplyClass ruleClass,
    String matchedPhrase,
    String language,
    ReplyClass classification,
    boolean overridden,
    Instant overriddenAt,
    String overrideNote,
    List<Change> changes) {

  /** One override: from which class to which, by which API key, why. */
  public record Change(
      ReplyClass from, ReplyClass to, UUID changedBy, String note, Instant changedAt) {}

  ClassifiedReply withChanges(List<Change> all) {
    return new ClassifiedReply(
        responseId,
        enrolmentId,
        campaignId,
        channel,
        kind,
        occurredAt,
        body,
        signal,
        ruleClass,
        matchedPhrase,
        language,
        classification,
        overridden,
        overriddenAt,
        overrideNote,
        all);
  }
}
