package io.sequor.worker.linkedin;

import io.sequor.domain.config.SequorProperties;
import io.sequor.workflows.sequence.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * A stand-in for a LinkedIn provider that delivers nothing: it accepts every send, answers the same
 * provider id for a repeated idempotency key, treats the profiles listed in {@code
 * sequor.linkedin.sandbox-open-profiles} as Open Profiles and those in {@code
 * sandbox-blocking-profiles} as members who block InMail. Stands aside when the HTTP provider is
 * the gateway.
 */
@Component
@Conditional(SandboxGatewayCondition.class)
public class SandboxLinkedInGateway implements LinkedInGateway {

  private final Set<String> openProfiles;
  private final Set<String> blocking;
  private final Map<String, String> providerIds = new ConcurrentHashMap<>();
  private final List<LinkedInMessage> delivered = new CopyOnWriteArrayList<>();
  private final Set<String> pendingInvitations = ConcurrentHashMap.newKeySet();
  private final List<String> withdrawn = new CopyOnWriteArrayList<>();

  SandboxLinkedInGateway(SequorProperties properties) {
    this.openProfiles = Set.copyOf(properties.linkedin().sandboxOpenProfiles());
    this.blocking = Set.copyOf(properties.linkedin().sandboxBlockingProfiles());
  }

  @Override
  public boolean hasOpenProfile(String profileUrl) {
    return openProfiles.contains(profileUrl);
  }

  @Override
  public LinkedInResult send(LinkedInMessage message) {
    if (message.channel() == Channel.LINKEDIN_INMAIL && blocking.contains(message.profileUrl())) {
      return new LinkedInResult(
          LinkedInResult.Kind.RECIPIENT_BLOCKS_INMAIL, null, "recipient does not accept InMail");
    }
    String id =
        providerIds.computeIfAbsent(
            message.idempotencyKey(),
            key -> {
              delivered.add(message);
              if (message.channel() == Channel.LINKEDIN_CONNECT) {
                pendingInvitations.add(message.seatId() + " " + message.profileUrl());
              }
              // Unique across restarts and concurrent sends: webhooks match replies by this id.
              return "sandbox-" + UUID.randomUUID();
            });
    return LinkedInResult.sent(id);
  }

  @Override
  public boolean withdrawInvitation(String seatId, String profileUrl, String invitationId) {
    boolean pending = pendingInvitations.remove(seatId + " " + profileUrl);
    if (pending) {
      withdrawn.add(profileUrl);
    }
    return pending;
  }

  /** Profiles whose pending invitation the sandbox withdrew, in order. */
  public List<String> withdrawnInvitations() {
    return List.copyOf(withdrawn);
  }

  /** Every message the sandbox accepted, in order; what a real provider would have delivered. */
  public List<LinkedInMessage> delivered() {
    return List.copyOf(delivered);
  }
}
