package io.sequor.worker.email;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.enrolments.EmailThreads;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.sequences.Copy;
import io.sequor.domain.sequences.SequenceCatalog;
import io.sequor.domain.sequences.SequenceVersion;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.domain.templates.Templates;
import io.sequor.domain.unsubscribe.UnsubscribeTokens;
import io.sequor.worker.enrolments.SendContext;
import io.sequor.workflows.sequence.Channel;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Builds the email a step sends: a plain-text and an HTML part from the step's copy, threaded under
 * the enrolment's first email, with the one-click unsubscribe links.
 *
 * <p>Threading: every email after the first carries {@code In-Reply-To} the first email's
 * Message-ID and {@code References} every earlier one, in order. A step without a subject replies
 * in the thread as {@code Re: <the first email's subject>}; one with a subject keeps it.
 */
@Component
class EmailComposer {

  private final Copy copy;
  private final EmailThreads threads;
  private final SequenceCatalog catalog;
  private final UnsubscribeTokens unsubscribe;
  private final SequorProperties.Mail mail;

  EmailComposer(
      Copy copy,
      EmailThreads threads,
      SequenceCatalog catalog,
      UnsubscribeTokens unsubscribe,
      SequorProperties properties) {
    this.copy = copy;
    this.threads = threads;
    this.catalog = catalog;
    this.unsubscribe = unsubscribe;
    this.mail = properties.mail();
  }

  /**
   * @throws Templates.MissingValueException when the prospect lacks a value the copy needs
   */
  OutboundEmail compose(SendContext context, String messageId, String from) {
    StepDefinition step = context.step();
    Prospect prospect = context.prospect();
    UUID enrolmentId = context.enrolment().id();
    Copy.Rendered rendered = copy.render(step, Channel.EMAIL, prospect);
    List<EmailThreads.Sent> earlier = threads.sent(enrolmentId, context.request().idempotencyKey());
    String subject =
        rendered.subject() != null ? rendered.subject() : replySubject(context, earlier);
    String html =
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n"
            + copy.htmlBody(step, prospect)
            + "\n</body>\n</html>\n";
    UnsubscribeTokens.Links links = unsubscribe.links(enrolmentId, prospect.email(), from);
    return new OutboundEmail(
        messageId,
        from,
        prospect.email(),
        displayName(prospect),
        subject,
        rendered.body(),
        html,
        earlier.stream().map(EmailThreads.Sent::messageId).toList(),
        links.https(),
        links.mailto());
  }

  /**
   * "Re: " and the subject of the first email that went out. Before any went out (the first email
   * step failed, say) it is the subject of the sequence's first email step, without "Re: ".
   */
  private String replySubject(SendContext context, List<EmailThreads.Sent> earlier) {
    SequenceVersion version = catalog.versionById(context.enrolment().sequenceVersionId());
    Prospect prospect = context.prospect();
    if (!earlier.isEmpty()) {
      EmailThreads.Sent first = earlier.get(0);
      String subject =
          first.subject() != null
              ? first.subject()
              // Sent before subjects were kept: its step's subject renders the same again.
              : version
                  .step(first.stepKey())
                  .map(s -> copy.render(s, Channel.EMAIL, prospect).subject())
                  .orElse(null);
      if (subject != null) {
        return Copy.reply(subject);
      }
    }
    return copy.threadSubject(version, prospect)
        .orElseThrow(
            () -> new IllegalStateException("no email step of this sequence has a subject"));
  }

  /** "First Last" for the To header, from whichever of the two the prospect has. */
  private static String displayName(Prospect prospect) {
    String name =
        Stream.of(prospect.firstName(), prospect.lastName())
            .filter(n -> n != null && !n.isBlank())
            .map(String::strip)
            .collect(Collectors.joining(" "));
    return name.isEmpty() ? null : name;
  }
}
