package io.sequor.worker.linkedin;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.workflows.enrolment.EnrolmentWorkflow;
import io.sequor.workflows.sandbox.ScriptedResponse;
import io.sequor.workflows.sandbox.ScriptedResponseWorkflow;
import io.sequor.workflows.sandbox.ScriptedResponses;
import io.sequor.workflows.sequence.Channel;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * A stand-in for a LinkedIn provider that delivers nothing: it accepts every send and answers the
 * same provider id for a repeated idempotency key. Each member's behaviour (Open Profile, refusing
 * InMail, scripted answers) starts from {@code sequor.linkedin.sandbox-open-profiles} and {@code
 * sandbox-blocking-profiles} and can be set at run time through {@link #set}. A scripted answer is
 * played back by a {@link ScriptedResponseWorkflow}, on the engine's clock, through the same intake
 * as a provider's webhook. Stands aside when the HTTP provider is the gateway.
 */
@Component
@Conditional(SandboxGatewayCondition.class)
public class SandboxLinkedInGateway implements LinkedInGateway {

  private static final Logger log = LoggerFactory.getLogger(SandboxLinkedInGateway.class);

  private final Set<String> configuredOpen;
  private final Set<String> configuredBlocking;
  private final SequorClock clock;
  private final WorkflowClient temporal;

  /** Behaviour set at run time, by normalised profile URL; it replaces the configured one. */
  private final Map<String, SandboxProfile> profiles = new ConcurrentHashMap<>();

  private final Map<String, String> providerIds = new ConcurrentHashMap<>();

  /** Answers triggered by a send whose workflow has not been started yet, by provider id. */
  private final Map<String, ScriptedResponses> unstarted = new ConcurrentHashMap<>();

  private final List<LinkedInMessage> delivered = new CopyOnWriteArrayList<>();
  private final Set<String> pendingInvitations = ConcurrentHashMap.newKeySet();
  private final List<String> withdrawn = new CopyOnWriteArrayList<>();

  SandboxLinkedInGateway(SequorProperties properties, SequorClock clock, WorkflowClient temporal) {
    this.configuredOpen = normalised(properties.linkedin().sandboxOpenProfiles());
    this.configuredBlocking = normalised(properties.linkedin().sandboxBlockingProfiles());
    this.clock = clock;
    this.temporal = temporal;
  }

  @Override
  public boolean hasOpenProfile(String profileUrl) {
    return profile(profileUrl).openProfile();
  }

  @Override
  public LinkedInResult send(LinkedInMessage message) {
    String url = normalise(message.profileUrl());
    if (message.channel() == Channel.LINKEDIN_INMAIL && profile(url).blocksInMail()) {
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
              String providerId = "sandbox-" + UUID.randomUUID();
              fire(url, message.channel(), providerId)
                  .ifPresent(answers -> unstarted.put(providerId, answers));
              return providerId;
            });
    ScriptedResponses answers = unstarted.get(id);
    if (answers != null) {
      // A failed start fails the send; its retry, under the same key, starts the answers again.
      play(answers);
      unstarted.remove(id);
    }
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

  /** The member's behaviour now: set at run time, else from the configuration, else a default. */
  public SandboxProfile profile(String profileUrl) {
    String url = normalise(profileUrl);
    SandboxProfile set = profiles.get(url);
    return set != null ? set : configured(url);
  }

  /** Every member whose behaviour is configured or was set, by URL. */
  public List<SandboxProfile> profiles() {
    Set<String> urls = new TreeSet<>(configuredOpen);
    urls.addAll(configuredBlocking);
    urls.addAll(profiles.keySet());
    return urls.stream().map(this::profile).toList();
  }

  /**
   * Replaces the member's behaviour, script included: every entry waits for its next matching send,
   * whatever fired before. Answers already triggered still land.
   */
  public synchronized SandboxProfile set(SandboxProfile profile) {
    String url = normalise(profile.url());
    SandboxProfile fresh =
        new SandboxProfile(
            url,
            profile.openProfile(),
            profile.blocksInMail(),
            profile.script().stream().map(ScriptEntry::unfired).toList());
    profiles.put(url, fresh);
    log.info(
        "sandbox: {} now openProfile={} blocksInMail={} with {} scripted answer(s)",
        url,
        fresh.openProfile(),
        fresh.blocksInMail(),
        fresh.script().size());
    return fresh;
  }

  /** Forgets what was set for the member: back to its configured behaviour. */
  public synchronized SandboxProfile reset(String profileUrl) {
    String url = normalise(profileUrl);
    profiles.remove(url);
    return configured(url);
  }

  /** Marks the entries this send triggers as fired; empty when it triggers none. */
  private synchronized Optional<ScriptedResponses> fire(
      String url, Channel channel, String providerId) {
    SandboxProfile profile = profiles.get(url);
    if (profile == null || profile.script().stream().noneMatch(e -> e.waitsFor(channel))) {
      return Optional.empty();
    }
    Instant sentAt = clock.now();
    List<ScriptEntry> script = new ArrayList<>();
    List<ScriptedResponse> answers = new ArrayList<>();
    for (ScriptEntry entry : profile.script()) {
      if (entry.waitsFor(channel)) {
        answers.add(entry.response());
        script.add(entry.firedBy(providerId, sentAt));
      } else {
        script.add(entry);
      }
    }
    profiles.put(
        url, new SandboxProfile(url, profile.openProfile(), profile.blocksInMail(), script));
    return Optional.of(new ScriptedResponses(providerId, sentAt, answers));
  }

  private void play(ScriptedResponses answers) {
    ScriptedResponseWorkflow workflow =
        temporal.newWorkflowStub(
            ScriptedResponseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ScriptedResponses.workflowId(answers.providerMessageId()))
                .setTaskQueue(EnrolmentWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(workflow::run, answers);
      log.info(
          "sandbox: send {} will be answered {}",
          answers.providerMessageId(),
          answers.responses().stream()
              .sorted(Comparator.comparing(ScriptedResponse::after))
              .map(r -> r.kind() + " after " + r.after())
              .collect(Collectors.joining(", ")));
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      log.debug("sandbox: answers to {} were already started", answers.providerMessageId());
    }
  }

  private SandboxProfile configured(String url) {
    return new SandboxProfile(
        url, configuredOpen.contains(url), configuredBlocking.contains(url), List.of());
  }

  /** Profile URLs compare as prospects' do, so any spelling of a member's URL finds it. */
  private static String normalise(String url) {
    return ProspectStore.normaliseLinkedIn(url).orElse(url.strip());
  }

  private static Set<String> normalised(List<String> urls) {
    return urls.stream()
        .map(SandboxLinkedInGateway::normalise)
        .collect(Collectors.toUnmodifiableSet());
  }
}
