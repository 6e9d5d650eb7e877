package io.sequor.domain.sequences;

import io.sequor.domain.errors.FieldProblem;
import io.sequor.workflows.sequence.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a step's variants and experiment: well-formed keys and settings (errors), the same
 * copy checks as the step's own copy on every variant (errors and warnings), and one variable at a
 * time (a warning).
 */
final class VariantRules {

  static final int MAX_VARIANTS = 5;
  static final double MIN_STOP_PROBABILITY = 0.5;
  static final double MAX_STOP_PROBABILITY = 0.999;

  private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_-]{0,15}");

  private final SequenceRules rules;

  VariantRules(SequenceRules rules) {
    this.rules = rules;
  }

  void check(
      String at,
      StepDefinition step,
      boolean emailBefore,
      List<FieldProblem> errors,
      List<Warning> warnings) {
    List<Variant> variants = step.variants() == null ? List.of() : step.variants();
    ExperimentSpec spec = step.experiment();
    if (variants.isEmpty()) {
      if (spec != null) {
        errors.add(
            new FieldProblem(
                at + ".variants",
                "an experiment needs at least one variant besides the step's own copy (A)"));
      }
      return;
    }
    if (spec == null) {
      errors.add(
          new FieldProblem(
              at + ".experiment", "is required when a step has variants: say what they vary"));
    } else {
      checkSpec(at + ".experiment", spec, errors);
    }
    if (step.channel() == Channel.MANUAL_TASK) {
      errors.add(
          new FieldProblem(
              at + ".variants", "a manual task sends nothing, so it has no copy to test"));
      return;
    }
    if (variants.size() > MAX_VARIANTS) {
      errors.add(
          new FieldProblem(
              at + ".variants",
              variants.size() + " variants; at most " + MAX_VARIANTS + " besides the control"));
    }
    boolean segments = spec != null && spec.varies() == ExperimentSpec.Varies.SEGMENT;
    Set<String> keys = new HashSet<>();
    Set<String> segmentNames = new HashSet<>();
    CopyElements control = CopyElements.of(step);
    for (int j = 0; j < variants.size(); j++) {
      String vat = at + ".variants[" + j + "]";
      Variant v = variants.get(j);
      if (v == null) {
        errors.add(new FieldProblem(vat, "must not be null"));
        continue;
      }
      if (v.key() == null || !KEY.matcher(v.key()).matches()) {
        errors.add(
            new FieldProblem(
                vat + ".key",
                "must be an upper-case letter, then up to 15 upper-case letters, digits, '-' or"
                    + " '_', like B"));
      } else if (v.key().equals(StepDefinition.CONTROL)) {
        errors.add(
            new FieldProblem(vat + ".key", "A is the step's own copy (the control); start at B"));
      } else if (!keys.add(v.key())) {
        errors.add(new FieldProblem(vat + ".key", "duplicate variant key '" + v.key() + "'"));
      }
      boolean setsCopy = v.subject() != null || v.body() != null || v.connectionNote() != null;
      if (segments) {
        if (v.segment() == null || v.segment().isBlank()) {
          errors.add(
              new FieldProblem(
                  vat + ".segment", "a SEGMENT experiment gives every variant a segment"));
        } else if (!segmentNames.add(v.segment())) {
          errors.add(
              new FieldProblem(
                  vat + ".segment", "segment '" + v.segment() + "' has another variant already"));
        }
        if (setsCopy) {
          errors.add(
              new FieldProblem(
                  vat,
                  "a SEGMENT experiment keeps the copy fixed: leave out subject, body and"
                      + " connectionNote"));
        }
        continue;
      }
      if (v.segment() != null) {
        errors.add(
            new FieldProblem(
                vat + ".segment",
                "only a SEGMENT experiment routes variants by segment; keep the audience fixed"
                    + " while testing copy"));
      }
      if (v.key() == null) {
        continue;
      }
      StepDefinition sent = step.withVariant(v.key());
      checkCopy(vat, v, sent, emailBefore, errors, warnings);
      if (spec != null && spec.varies() != null) {
        oneVariable(vat, v.key(), spec.varies(), control, CopyElements.of(sent), warnings);
      }
    }
  }

  private static void checkSpec(String at, ExperimentSpec spec, List<FieldProblem> errors) {
    if (spec.varies() == null) {
      errors.add(
          new FieldProblem(
              at + ".varies", "is required: SUBJECT, OPENING, CTA, ARTIFACT or SEGMENT"));
    }
    Double p = spec.stopAtProbability();
    if (p != null && !(p >= MIN_STOP_PROBABILITY && p <= MAX_STOP_PROBABILITY)) {
      errors.add(
          new FieldProblem(
              at + ".stopAtProbability",
              "must be between " + MIN_STOP_PROBABILITY + " and " + MAX_STOP_PROBABILITY));
    }
    Integer n = spec.stopAfterSendsPerVariant();
    if (n != null && n < 1) {
      errors.add(new FieldProblem(at + ".stopAfterSendsPerVariant", "must be 1 or more"));
    }
  }

  /**
   * The step's copy checks on the copy the variant sends, keeping what concerns the fields the
   * variant sets: the rest is the control's, checked once already.
   */
  private void checkCopy(
      String at,
      Variant v,
      StepDefinition sent,
      boolean emailBefore,
      List<FieldProblem> errors,
      List<Warning> warnings) {
    List<FieldProblem> variantErrors = new ArrayList<>();
    List<Warning> variantWarnings = new ArrayList<>();
    rules.checkCopy(at, sent, emailBefore, variantErrors, variantWarnings);
    Set<String> own = new HashSet<>();
    if (v.subject() != null) {
      own.add(at + ".subject");
    }
    if (v.body() != null) {
      own.add(at + ".body");
    }
    if (v.connectionNote() != null) {
      own.add(at + ".connectionNote");
    }
    if (v.subject() != null && v.subject().isBlank()) {
      errors.add(new FieldProblem(at + ".subject", "must not be blank; leave it out for A's"));
    }
    variantErrors.stream().filter(e -> own.contains(e.field())).forEach(errors::add);
    variantWarnings.stream().filter(w -> own.contains(w.field())).forEach(warnings::add);
  }

  private static void oneVariable(
      String at,
      String key,
      ExperimentSpec.Varies varies,
      CopyElements control,
      CopyElements variant,
      List<Warning> warnings) {
    List<String> differs = control.differences(variant);
    if (differs.isEmpty()) {
      warnings.add(
          new Warning(
              at,
              "identical-variant",
              "variant "
                  + key
                  + " is identical to A; it tests nothing: change its "
                  + varies.label()));
      return;
    }
    List<String> others = differs.stream().filter(d -> !d.equals(varies.label())).toList();
    if (others.isEmpty()) {
      return;
    }
    warnings.add(
        new Warning(
            at,
            "one-variable-at-a-time",
            "variant "
                + key
                + " differs from A in "
                + and(differs)
                + "; the experiment varies "
                + varies.label()
                + " only: change one thing at a time"));
  }

  private static String and(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
