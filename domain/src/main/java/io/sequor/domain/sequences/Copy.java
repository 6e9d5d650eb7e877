package io.sequor.domain.sequences;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.templates.Templates;
import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.Medium;
import io.sequor.workflows.sequence.NoCreditPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Renders a step's copy for a prospect, and checks before enrolment that every send can render. */
@Component
public class Copy {

  private final SequorProperties.Limits limits;

  Copy(SequorProperties properties) {
    this.limits = properties.limits();
  }

  /** A step's copy with every placeholder filled. */
  public record Rendered(String subject, String body) {}

  public Rendered render(StepDefinition step, Prospect prospect) {
    return render(step, step.channel(), prospect);
  }

  /**
   * Renders a step for the channel it is sent on, which differs from the step's own when an InMail
   * falls back: as an email it keeps its subject and body, as a connection request it sends its
   * connection note.
   */
  public Rendered render(StepDefinition step, Channel sentAs, Prospect prospect) {
    Map<String, String> values = prospect.placeholderValues();
    if (sentAs == Channel.LINKEDIN_CONNECT && step.channel() != Channel.LINKEDIN_CONNECT) {
      return new Rendered(null, Templates.render(step.connectionNote(), values));
    }
    String subject = step.subject() == null ? null : Templates.render(step.subject(), values);
    return new Rendered(subject, Templates.render(step.body(), values));
  }

  /**
   * A step's body as the HTML part of an email: the plain-text body laid out as paragraphs, with
   * its own text and every value HTML-escaped.
   */
  public String htmlBody(StepDefinition step, Prospect prospect) {
    return Templates.renderHtml(step.body(), prospect.placeholderValues());
  }

  /**
   * The subject of the version's first email step that has one, rendered: the subject the thread
   * opens with. Empty when no email step has a subject.
   */
  public java.util.Optional<String> threadSubject(SequenceVersion version, Prospect prospect) {
    return version.steps().stream()
        .filter(s -> s.channel() == Channel.EMAIL && s.subject() != null)
        .findFirst()
        .map(s -> render(s, Channel.EMAIL, prospect).subject());
  }

  /** The subject of a reply in a thread that opened with {@code subject}: "Re: " once. */
  public static String reply(String subject) {
    return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
  }

  /** Whether the prospect can be reached on the branch at all. */
  public static boolean reachable(Prospect prospect, Medium medium) {
    return medium == Medium.EMAIL ? prospect.email() != null : prospect.linkedinUrl() != null;
  }

  /**
   * Everything that would stop a send of this version to this prospect: no trigger when the version
   * requires one, unfilled placeholders, rendered copy over a channel limit, line breaks that would
   * reach an email header.
   *
   * @param at the request field that holds the prospect: an inline prospect ({@code prospect}) or a
   *     reference to a stored one (a name ending in {@code Id}, such as {@code prospectId})
   */
  public List<FieldProblem> problems(SequenceVersion version, Prospect prospect, String at) {
    List<FieldProblem> problems = new ArrayList<>();
    triggerProblem(version, prospect, at).ifPresent(problems::add);
    boolean anyReachable = false;
    for (StepDefinition step : version.steps()) {
      if (!reachable(prospect, step.channel().medium())) {
        continue;
      }
      anyReachable = true;
      Set<String> reported = new HashSet<>();
      for (String variant : step.variantKeys()) {
        copyProblems(step.withVariant(variant), name(step, variant), prospect, at, reported)
            .stream()
            .filter(p -> !problems.contains(p))
            .forEach(problems::add);
      }
    }
    if (!anyReachable) {
      problems.add(
          new FieldProblem(
              at, "has neither an email nor a LinkedIn URL that any step of this sequence uses"));
    }
    return problems;
  }

  /** How a refusal names a step, and the variant when it is not the step's own copy. */
  private static String name(StepDefinition step, String variant) {
    return step.runsExperiment() && !variant.equals(StepDefinition.CONTROL)
        ? "step '" + step.key() + "' variant " + variant
        : "step '" + step.key() + "'";
  }

  /**
   * What would stop one copy of a step (the step's own or a variant's) from going to the prospect.
   *
   * @param reported placeholders already found missing in another copy of the step, so each is
   *     named once
   */
  private List<FieldProblem> copyProblems(
      StepDefinition step, String name, Prospect prospect, String at, Set<String> reported) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, String> values = prospect.placeholderValues();
    List<String> missing = new ArrayList<>(Templates.missing(step.body(), values));
    for (String extra : new String[] {step.subject(), step.connectionNote()}) {
      if (extra != null) {
        Templates.missing(extra, values).stream()
            .filter(n -> !missing.contains(n))
            .forEach(missing::add);
      }
    }
    for (String placeholder : missing) {
      if (reported.add(placeholder)) {
        problems.add(
            new FieldProblem(
                at + "." + fieldFor(placeholder),
                "no value for placeholder {{"
                    + placeholder
                    + "}} used by "
                    + name
                    + "; a message is never sent with a hole in it"));
      }
    }
    if (!missing.isEmpty()) {
      return problems;
    }
    Rendered rendered = render(step, prospect);
    if (prospect.email() != null && mayGoAsEmail(step)) {
      problems.addAll(headerProblems(step, prospect, at));
    }
    int limit =
        switch (step.channel()) {
          case LINKEDIN_INMAIL -> limits.inMailBody();
          case LINKEDIN_CONNECT -> limits.connectionNote();
          default -> Integer.MAX_VALUE;
        };
    if (rendered.body().length() > limit) {
      problems.add(
          new FieldProblem(
              at,
              name
                  + " renders to "
                  + rendered.body().length()
                  + " characters for this prospect; the limit is "
                  + limit));
    }
    if (step.channel() == Channel.LINKEDIN_INMAIL
        && rendered.subject() != null
        && rendered.subject().length() > limits.inMailSubject()) {
      problems.add(
          new FieldProblem(
              at,
              name
                  + " subject renders to "
                  + rendered.subject().length()
                  + " characters; the limit is "
                  + limits.inMailSubject()));
    }
    return problems;
  }

  /**
   * The refusal of a prospect without a trigger, when the version requires one. The pre-send
   * checklist says: if no trigger can be named in one sentence, do not send yet.
   */
  public static Optional<FieldProblem> triggerProblem(
      SequenceVersion version, Prospect prospect, String at) {
    if (!version.requiresTrigger() || prospect.trigger() != null) {
      return Optional.empty();
    }
    String who =
        prospect.segment() == null
            ? "the prospect names none and is in no segment"
            : "neither the prospect nor its segment '" + prospect.segment() + "' names one";
    return Optional.of(
        new FieldProblem(
            at.endsWith("Id") ? at : at + ".checklist.trigger",
            "sequence '"
                + version.sequenceName()
                + "' requires a trigger (a reason to write this week) and "
                + who
                + "; set checklist.trigger on the prospect or its segment"));
  }

  /**
   * Connection notes a free-account seat could not send: its notes are limited to {@code
   * connection-note-free-account} characters (200).
   */
  public List<FieldProblem> freeAccountProblems(
      SequenceVersion version, Prospect prospect, String seatId) {
    List<FieldProblem> problems = new ArrayList<>();
    if (prospect.linkedinUrl() == null) {
      return problems;
    }
    for (StepDefinition step : version.steps()) {
      boolean connects = step.channel() == Channel.LINKEDIN_CONNECT;
      boolean fallsBackToConnect =
          step.noCreditPolicy() == io.sequor.workflows.sequence.NoCreditPolicy.CONNECTION_REQUEST;
      if (!connects && !fallsBackToConnect) {
        continue;
      }
      for (String variant : step.variantKeys()) {
        String note = render(step.withVariant(variant), Channel.LINKEDIN_CONNECT, prospect).body();
        if (note.length() <= limits.connectionNoteFreeAccount()) {
          continue;
        }
        problems.add(
            new FieldProblem(
                "seatId",
                "seat "
                    + seatId
                    + " is a free account, whose connection notes are limited to "
                    + limits.connectionNoteFreeAccount()
                    + " characters; step '"
                    + step.key()
                    + "'"
                    + (variant.equals(StepDefinition.CONTROL) ? "" : " variant " + variant)
                    + " renders a "
                    + note.length()
                    + "-character note for this prospect"));
      }
    }
    return problems;
  }

  public int freeAccountNoteLimit() {
    return limits.connectionNoteFreeAccount();
  }

  /** An email step, or an InMail that goes out as an email when it has no credit. */
  private static boolean mayGoAsEmail(StepDefinition step) {
    return step.channel() == Channel.EMAIL
        || (step.channel() == Channel.LINKEDIN_INMAIL
            && step.noCreditPolicy() == NoCreditPolicy.EMAIL);
  }

  /**
   * Values that would carry a line break into an email header: the names in the To header and the
   * placeholders of the subject. A line break there would let the value add headers of its own.
   */
  private static List<FieldProblem> headerProblems(
      StepDefinition step, Prospect prospect, String at) {
    List<FieldProblem> problems = new ArrayList<>();
    if (hasLineBreak(prospect.firstName())) {
      problems.add(new FieldProblem(at + ".firstName", lineBreakIn("To")));
    }
    if (hasLineBreak(prospect.lastName())) {
      problems.add(new FieldProblem(at + ".lastName", lineBreakIn("To")));
    }
    if (step.subject() != null) {
      Map<String, String> values = prospect.placeholderValues();
      for (String name : Templates.placeholders(step.subject())) {
        if (hasLineBreak(values.get(name))) {
          problems.add(new FieldProblem(at + "." + fieldFor(name), lineBreakIn("Subject")));
        }
      }
    }
    return problems;
  }

  private static String lineBreakIn(String header) {
    return "contains a line break; it would reach the email's " + header + " header";
  }

  private static boolean hasLineBreak(String s) {
    return s != null && (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0);
  }

  /** Maps a placeholder to the request field a client would fill. */
  private static String fieldFor(String placeholder) {
    return switch (placeholder) {
      case "first_name" -> "firstName";
      case "last_name" -> "lastName";
      case "company" -> "company";
      case "title" -> "title";
      case "email" -> "email";
      case "linkedin_url" -> "linkedinUrl";
      default -> "fields." + placeholder;
    };
  }
}
