package io.sequor.domain.replies;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds the enrolments an inbound email answers: by thread first (the Message-IDs it names against
 * the ones Sequor gave its sends), then by address against enrolments still running.
 */
@Repository
public class ReplyMatcher {

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final String LIVE = "('ACTIVE', 'PAUSED', 'LISTENING')";

  private final JdbcClient jdbc;

  ReplyMatcher(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One enrolment the message answers; {@code stepKey} when the thread names the send. */
  public record Target(UUID enrolmentId, String stepKey) {}

  /** What matched, and how; no targets when nothing did. */
  public record Match(List<Target> targets, String by) {

    static Match none() {
      return new Match(List.of(), null);
    }
  }

  /** The Message-IDs named in headers such as In-Reply-To and References, in order. */
  public static Set<String> messageIds(String... headerValues) {
    Set<String> ids = new LinkedHashSet<>();
    for (String value : headerValues) {
      if (value == null) {
        continue;
      }
      Matcher m = MESSAGE_ID.matcher(value);
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  /** The send among these Message-IDs, latest first: the message answers that step. */
  public Optional<Target> bySentMessage(Set<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT enrolment_id, step_key FROM step_executions WHERE message_id = ANY(?)"
                + " ORDER BY started_at DESC LIMIT 1")
        .param(messageIds.toArray(new String[0]))
        .query((rs, row) -> new Target(rs.getObject("enrolment_id", UUID.class), rs.getString(2)))
        .optional();
  }

  /** Running enrolments of the prospect with this address, oldest first. */
  public List<Target> byAddress(String address) {
    if (address == null || address.isBlank()) {
      return List.of();
    }
    return new ArrayList<>(
        jdbc.sql(
                "SELECT e.id FROM enrolments e JOIN prospects p ON p.id = e.prospect_id"
                    + " WHERE lower(p.email) = lower(?) AND e.status IN "
                    + LIVE
                    + " ORDER BY e.created_at")
            .param(address.trim())
            .query((rs, row) -> new Target(rs.getObject("id", UUID.class), null))
            .list());
  }

  /**
   * Matches a message: its thread, then (for a bounce) the bounced send or address, then its
   * sender.
   *
   * @param threadIds Message-IDs from In-Reply-To and References
   * @param bouncedMessageId for a bounce, the Message-ID of the message that bounced, if known
   * @param bouncedAddress for a bounce, the address that failed, if known
   * @param sender the From address; ignored for bounces, which come from mail servers
   */
  public Match match(
      Set<String> threadIds,
      boolean bounce,
      String bouncedMessageId,
      String bouncedAddress,
      String sender) {
    if (bounce) {
      Optional<Target> sent = bySentMessage(messageIds(bouncedMessageId));
      if (sent.isPresent()) {
        return new Match(List.of(sent.get()), "BOUNCED_MESSAGE");
      }
      Optional<Target> thread = bySentMessage(threadIds);
      if (thread.isPresent()) {
        return new Match(List.of(thread.get()), "BOUNCED_MESSAGE");
      }
      List<Target> byAddress = byAddress(bouncedAddress);
      return byAddress.isEmpty() ? Match.none() : new Match(byAddress, "BOUNCED_ADDRESS");
    }
    Optional<Target> thread = bySentMessage(threadIds);
    if (thread.isPresent()) {
      return new Match(List.of(thread.get()), "THREAD");
    }
    List<Target> bySender = byAddress(sender);
    return bySender.isEmpty() ? Match.none() : new Match(bySender, "SENDER");
  }
}
