package io.sequor.domain.sequences;

import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.NoCreditPolicy;
import io.sequor.workflows.sequence.StepPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of a sequence version as sales ops write it.
 *
 * @param body the message body, or the note of a connection request, or the instructions of a
 *     manual task
 * @param whenNoCredit InMail steps only: what to do when the seat has no credit or the recipient
 *     blocks InMail; {@code EMAIL} when absent
 * @param connectionNote InMail steps only: the note sent when the policy is {@code
 *     CONNECTION_REQUEST}
 * @param variants other versions of the copy tested against this step's own (variant "A"); null or
 *     empty when the step runs no experiment
 * @param experiment what the variants test and when the experiment ends; required with variants
 */
public record StepDefinition(
    String key,
    Channel channel,
    Integer dayOffset,
    String subject,
    String body,
    NoCreditPolicy whenNoCredit,
    String connectionNote,
    List<Variant> variants,
    ExperimentSpec experiment) {

  /** The key of a step's own copy in an experiment. */
  public static final String CONTROL = "A";

  public StepDefinition(
      String key, Channel channel, Integer dayOffset, String subject, String body) {
    this(key, channel, dayOffset, subject, body, null, null);
  }

  public StepDefinition(
      String key,
      Channel channel,
      Integer dayOffset,
      String subject,
      String body,
      NoCreditPolicy whenNoCredit,
      String connectionNote) {
    this(key, channel, dayOffset, subject, body, whenNoCredit, connectionNote, null, null);
  }

  /** The policy in force: the one set, or email for an InMail. */
  public NoCreditPolicy noCreditPolicy() {
    if (channel != Channel.LINKEDIN_INMAIL) {
      return null;
    }
    return whenNoCredit == null ? NoCreditPolicy.EMAIL : whenNoCredit;
  }

  public StepPlan plan() {
    return new StepPlan(key, channel, dayOffset, noCreditPolicy());
  }

  /** Whether the step tests variants. */
  public boolean runsExperiment() {
    return variants != null && !variants.isEmpty();
  }

  /** "A" and then the variants' keys, in the order written. */
  public List<String> variantKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(CONTROL);
    if (variants != null) {
      variants.stream().filter(v -> v != null).map(Variant::key).forEach(keys::add);
    }
    return keys;
  }

  public Optional<Variant> variant(String variantKey) {
    return variants == null
        ? Optional.empty()
        : variants.stream().filter(v -> v != null && v.key().equals(variantKey)).findFirst();
  }

  /**
   * The step as variant {@code variantKey} sends it: the variant's subject, body and connection
   * note where it sets them, the control's otherwise. The control ("A", or null) is the step
   * itself.
   *
   * @throws IllegalArgumentException for a key the step has no variant for
   */
  public StepDefinition withVariant(String variantKey) {
    if (variantKey == null || variantKey.equals(CONTROL)) {
      return this;
    }
    Variant v =
        variant(variantKey)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "step '" + key + "' has no variant '" + variantKey + "'"));
    return new StepDefinition(
        key,
        channel,
        dayOffset,
        v.subject() != null ? v.subject() : subject,
        v.body() != null ? v.body() : body,
        whenNoCredit,
        v.connectionNote() != null ? v.connectionNote() : connectionNote,
        variants,
        experiment);
  }
}
