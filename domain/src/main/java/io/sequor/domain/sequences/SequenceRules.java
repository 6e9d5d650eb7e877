package io.sequor.domain.sequences;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.templates.Templates;
import io.sequor.workflows.sequence.Channel;
import io.sequor.workflows.sequence.NoCreditPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Channel limits (errors) and copy advice (warnings) for a sequence version. */
@Component
public class SequenceRules {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final SequorProperties.Limits limits;
  private final VariantRules experiments = new VariantRules(this);

  SequenceRules(SequorProperties properties) {
    this.limits = properties.limits();
  }

  public record Verdict(List<FieldProblem> errors, List<Warning> warnings) {}

  public Verdict check(String name, List<StepDefinition> steps) {
    List<FieldProblem> errors = new ArrayList<>();
    List<Warning> warnings = new ArrayList<>();
    if (name != null && name.isBlank()) {
      errors.add(new FieldProblem("name", "must not be blank"));
    }
    if (steps == null || steps.isEmpty()) {
      errors.add(new FieldProblem("steps", "a sequence needs at least one step"));
      return new Verdict(errors, warnings);
    }
    Set<String> keys = new HashSet<>();
    boolean emailBefore = false;
    for (int i = 0; i < steps.size(); i++) {
      String at = "steps[" + i + "]";
      StepDefinition step = steps.get(i);
      if (step == null) {
        errors.add(new FieldProblem(at, "must not be null"));
        continue;
      }
      if (step.key() == null || !KEY.matcher(step.key()).matches()) {
        errors.add(
            new FieldProblem(
                at + ".key",
                "must be 1-64 lowercase letters, digits, '-' or '_', like day-3-bump"));
      } else if (!keys.add(step.key())) {
        errors.add(new FieldProblem(at + ".key", "duplicate step key '" + step.key() + "'"));
      }
      if (step.channel() == null) {
        errors.add(new FieldProblem(at + ".channel", "is required"));
      }
      if (step.dayOffset() == null) {
        errors.add(new FieldProblem(at + ".dayOffset", "is required"));
      } else if (step.dayOffset() < 0) {
        errors.add(new FieldProblem(at + ".dayOffset", "must be 0 or more days after enrolment"));
      }
      checkCopy(at, step, emailBefore, errors, warnings);
      experiments.check(at, step, emailBefore, errors, warnings);
      emailBefore |= step.channel() == Channel.EMAIL;
      if (step.channel() != null
          && step.channel() != Channel.LINKEDIN_INMAIL
          && (step.whenNoCredit() != null || step.connectionNote() != null)) {
        errors.add(
            new FieldProblem(
                at + ".whenNoCredit", "only InMail steps spend credits, so only they have one"));
      }
    }
    checkOrder(steps, errors);
    return new Verdict(errors, warnings);
  }

  /** The checks of a step's copy: its templates, its channel's limits and the copy advice. */
  void checkCopy(
      String at,
      StepDefinition step,
      boolean emailBefore,
      List<FieldProblem> errors,
      List<Warning> warnings) {
    if (step.body() == null || step.body().isBlank()) {
      errors.add(new FieldProblem(at + ".body", "must not be blank"));
    } else {
      Templates.problem(step.body()).ifPresent(p -> errors.add(new FieldProblem(at + ".body", p)));
    }
    if (step.subject() != null) {
      Templates.problem(step.subject())
          .ifPresent(p -> errors.add(new FieldProblem(at + ".subject", p)));
    }
    if (step.channel() != null && step.body() != null) {
      checkChannel(at, step, emailBefore, errors, warnings);
    }
  }

  /**
   * @param emailBefore whether an email step comes earlier in the list: a later email may leave out
   *     its subject and reply in the first email's thread
   */
  private void checkChannel(
      String at,
      StepDefinition step,
      boolean emailBefore,
      List<FieldProblem> errors,
      List<Warning> warnings) {
    String body = step.body();
    switch (step.channel()) {
      case LINKEDIN_INMAIL -> {
        if (step.subject() == null || step.subject().isBlank()) {
          errors.add(new FieldProblem(at + ".subject", "an InMail needs a subject"));
        } else if (step.subject().length() > limits.inMailSubject()) {
          errors.add(
              new FieldProblem(
                  at + ".subject",
                  "InMail subject is "
                      + step.subject().length()
                      + " characters; the limit is "
                      + limits.inMailSubject()));
        }
        if (body.length() > limits.inMailBody()) {
          errors.add(
              new FieldProblem(
                  at + ".body",
                  "InMail body is "
                      + body.length()
                      + " characters; the limit is "
                      + limits.inMailBody()));
        } else if (body.length() > limits.inMailBodyAdvised()) {
          warnings.add(
              new Warning(
                  at + ".body",
                  "inmail-length",
                  "InMail body is "
                      + body.length()
                      + " characters; under "
                      + limits.inMailBodyAdvised()
                      + " gets measurably more replies"));
        }
        adviseCopy(at, body, warnings);
        checkFallback(at, step, errors);
      }
      case LINKEDIN_CONNECT -> {
        if (body.length() > limits.connectionNote()) {
          errors.add(
              new FieldProblem(
                  at + ".body",
                  "connection note is "
                      + body.length()
                      + " characters; the limit is "
                      + limits.connectionNote()));
        }
      }
      case EMAIL -> {
        if ((step.subject() == null || step.subject().isBlank()) && !emailBefore) {
          errors.add(
              new FieldProblem(
                  at + ".subject",
                  "the first email step needs a subject; later ones may leave it out to reply in"
                      + " its thread"));
        } else if (step.subject() != null && step.subject().isBlank()) {
          errors.add(
              new FieldProblem(
                  at + ".subject",
                  "must not be blank; leave it out to reply in the first email's thread"));
        }
        adviseCopy(at, body, warnings);
      }
      case LINKEDIN_MESSAGE -> adviseCopy(at, body, warnings);
      case MANUAL_TASK -> {}
    }
  }

  private void checkFallback(String at, StepDefinition step, List<FieldProblem> errors) {
    String note = step.connectionNote();
    if (step.noCreditPolicy() == NoCreditPolicy.CONNECTION_REQUEST
        && (note == null || note.isBlank())) {
      errors.add(
          new FieldProblem(
              at + ".connectionNote", "is required when whenNoCredit is CONNECTION_REQUEST"));
    }
    if (note != null) {
      if (note.length() > limits.connectionNote()) {
        errors.add(
            new FieldProblem(
                at + ".connectionNote",
                "connection note is "
                    + note.length()
                    + " characters; the limit is "
                    + limits.connectionNote()));
      }
      Templates.problem(note)
          .ifPresent(p -> errors.add(new FieldProblem(at + ".connectionNote", p)));
    }
  }

  private void adviseCopy(String at, String body, List<Warning> warnings) {
    long questions = body.chars().filter(c -> c == '?').count();
    if (questions > limits.questionsAdvised()) {
      warnings.add(
          new Warning(
              at + ".body",
              "stacked-cta",
              questions + " questions; ask one bounded question (one micro-decision) per message"));
    }
    int words = body.isBlank() ? 0 : body.trim().split("\\s+").length;
    if (words > limits.wordsAdvised()) {
      warnings.add(
          new Warning(
              at + ".body",
              "word-count",
              words + " words; aim for " + limits.wordsAdvised() + " or fewer"));
    }
  }

  /** Steps of a branch run in list order, so their days must not go backwards. */
  private void checkOrder(List<StepDefinition> steps, List<FieldProblem> errors) {
    int[] last = {-1, -1};
    for (int i = 0; i < steps.size(); i++) {
      StepDefinition step = steps.get(i);
      if (step == null || step.channel() == null || step.dayOffset() == null) {
        continue;
      }
      int branch = step.channel() == Channel.EMAIL ? 1 : 0;
      if (step.dayOffset() < last[branch]) {
        errors.add(
            new FieldProblem(
                "steps[" + i + "].dayOffset",
                "day "
                    + step.dayOffset()
                    + " comes before an earlier step of the same branch (day "
                    + last[branch]
                    + "); list each branch's steps in day order"));
      }
      last[branch] = Math.max(last[branch], step.dayOffset());
    }
  }
}
