package io.sequor.domain.unsubscribe;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.workflows.sequence.Medium;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether the suppression list lets a prospect be enrolled. A suppressed LinkedIn profile means the
 * person unsubscribed, and is refused as it always was. A suppressed address (or domain) follows
 * {@code sequor.mail.on-suppressed}: {@code REFUSE}, or {@code SKIP_EMAIL}, where the enrolment
 * goes ahead and each send re-checks the list, so its email steps are skipped; unless no other step
 * of the sequence could reach the prospect, which is refused too.
 */
@Component
public class SuppressionPolicy {

  private final ProspectStore prospects;
  private final SequorProperties.Mail.OnSuppressed onSuppressed;

  SuppressionPolicy(ProspectStore prospects, SequorProperties properties) {
    this.prospects = prospects;
    this.onSuppressed = properties.mail().onSuppressed();
  }

  /**
   * Why the prospect may not be enrolled in this version, if the suppression list forbids it.
   *
   * @param at the request field the prospect came from: {@code prospect} or {@code prospectId}
   */
  public Optional<FieldProblem> refusal(SequenceVersion version, Prospect prospect, String at) {
    boolean inline = at.equals("prospect");
    if (prospects.linkedInSuppressed(prospect)) {
      return Optional.of(
          new FieldProblem(
              inline ? at + ".linkedinUrl" : at,
              "the prospect is suppressed (unsubscribed) and cannot be enrolled"));
    }
    if (!prospects.emailSuppressed(prospect)) {
      return Optional.empty();
    }
    String field = inline ? at + ".email" : at;
    if (onSuppressed == SequorProperties.Mail.OnSuppressed.REFUSE) {
      return Optional.of(
          new FieldProblem(
              field,
              "the address is suppressed (unsubscribed) and cannot be enrolled"
                  + " (sequor.mail.on-suppressed is REFUSE)"));
    }
    boolean reachableOtherwise =
        Copy.reachable(prospect, Medium.LINKEDIN)
            && version.steps().stream().anyMatch(s -> s.channel().medium() == Medium.LINKEDIN);
    if (!reachableOtherwise) {
      return Optional.of(
          new FieldProblem(
              field,
              "the address is suppressed (unsubscribed), so the email steps would be skipped, and"
                  + " no other step of this sequence can reach the prospect"));
    }
    return Optional.empty();
  }
}
