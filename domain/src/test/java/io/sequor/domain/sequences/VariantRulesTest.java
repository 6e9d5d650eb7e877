package io.sequor.domain.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sequor.domain.config.TestProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.prospects.Checklist;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.sequences.ExperimentSpec.Metric;
import io.sequor.domain.sequences.ExperimentSpec.Varies;
import io.sequor.workflows.sequence.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Variants on a step: one variable at a time (a warning), well-formed experiments (errors naming
 * the field), and every check of the step's own copy run on each variant's copy.
 */
class VariantRulesTest {

  private final SequenceRules rules = new SequenceRules(TestProperties.bind(Map.of()));

  private static final String SUBJECT = "{{company}} after the launch";
  private static final String BODY =
      """
      Hi {{first_name}}, congrats on the launch at {{company}}.

      Teams your size lose a week a month to manual follow-ups. Our teardown of three of them:
      https://example.com/teardown

      Worth a 15-minute look, Tue or Wed?""";

  private static StepDefinition step(Varies varies, Variant... variants) {
    return new StepDefinition(
        "day-0",
        Channel.EMAIL,
        0,
        SUBJECT,
        BODY,
        null,
        null,
        List.of(variants),
        new ExperimentSpec(varies, null, null, null));
  }

  private SequenceRules.Verdict check(StepDefinition step) {
    return rules.check("s", List.of(step));
  }

  private static Variant copy(String key, String subject, String body) {
    return new Variant(key, subject, body, null, null);
  }

  @Nested
  class OneVariableAtATime {

    @Test
    void warnsWhenAVariantChangesTheSubjectAndTheCtaTogether() {
      StepDefinition step =
          step(
              Varies.CTA,
              copy(
                  "B",
                  "Quick question about {{company}}",
                  BODY.replace("Worth a 15-minute look, Tue or Wed?", "Should I send it over?")));

      SequenceRules.Verdict verdict = check(step);

      assertThat(verdict.errors()).isEmpty();
      assertThat(verdict.warnings())
          .containsExactly(
              new Warning(
                  "steps[0].variants[0]",
                  "one-variable-at-a-time",
                  "variant B differs from A in subject and cta; the experiment varies cta only:"
                      + " change one thing at a time"));
    }

    @Test
    void aVariantChangingOnlyTheDeclaredSubjectIsQuiet() {
      StepDefinition step =
          step(Varies.SUBJECT, copy("B", "Quick question about {{company}}", null));

      SequenceRules.Verdict verdict = check(step);

      assertThat(verdict.errors()).isEmpty();
      assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void anotherLinkIsTheArtifactAlone() {
      StepDefinition step =
          step(
              Varies.ARTIFACT,
              copy(
                  "B",
                  null,
                  BODY.replace("https://example.com/teardown", "https://example.com/benchmark.")));

      assertThat(check(step).warnings()).isEmpty();
    }

    @Test
    void aNewFirstParagraphIsTheOpeningAndTheMiddleIsTheBody() {
      String opening = BODY.replace("congrats on the launch", "saw the launch");
      String middle = BODY.replace("a week a month", "two days a week");

      assertThat(check(step(Varies.OPENING, copy("B", null, opening))).warnings()).isEmpty();
      assertThat(check(step(Varies.OPENING, copy("B", null, middle))).warnings())
          .extracting(Warning::message)
          .containsExactly(
              "variant B differs from A in body; the experiment varies opening only: change one"
                  + " thing at a time");
    }

    @Test
    void aVariantIdenticalToTheControlWarns() {
      StepDefinition step = step(Varies.SUBJECT, copy("B", SUBJECT, null), copy("C", null, null));

      assertThat(check(step).warnings())
          .extracting(Warning::field, Warning::rule)
          .containsExactly(
              tuple("steps[0].variants[0]", "identical-variant"),
              tuple("steps[0].variants[1]", "identical-variant"));
    }
  }

  @Nested
  class Errors {

    private List<String> fields(StepDefinition step) {
      return check(step).errors().stream().map(FieldProblem::field).toList();
    }

    @Test
    void keysAreUniqueUpperCaseAndNeverTheControls() {
      StepDefinition step =
          step(
              Varies.SUBJECT,
              copy("A", "x", null),
              copy("b", "y", null),
              copy("C", "z", null),
              copy("C", "w", null));

      assertThat(fields(step))
          .containsExactly(
              "steps[0].variants[0].key", "steps[0].variants[1].key", "steps[0].variants[3].key");
    }

    @Test
    void variantsNeedAnExperimentAndAnExperimentNeedsVariants() {
      StepDefinition noSpec =
          new StepDefinition(
              "day-0",
              Channel.EMAIL,
              0,
              SUBJECT,
              BODY,
              null,
              null,
              List.of(copy("B", "x", null)),
              null);
      StepDefinition noVariants =
          new StepDefinition(
              "day-0",
              Channel.EMAIL,
              0,
              SUBJECT,
              BODY,
              null,
              null,
              List.of(),
              new ExperimentSpec(Varies.SUBJECT, Metric.REPLY, null, null));

      assertThat(fields(noSpec)).containsExactly("steps[0].experiment");
      assertThat(fields(noVariants)).containsExactly("steps[0].variants");
    }

    @Test
    void theSpecIsCheckedFieldByField() {
      StepDefinition step =
          new StepDefinition(
              "day-0",
              Channel.EMAIL,
              0,
              SUBJECT,
              BODY,
              null,
              null,
              List.of(copy("B", "x", null)),
              new ExperimentSpec(null, Metric.POSITIVE, 1.0, 0));

      assertThat(fields(step))
          .containsExactly(
              "steps[0].experiment.varies",
              "steps[0].experiment.stopAtProbability",
              "steps[0].experiment.stopAfterSendsPerVariant");
    }

    @Test
    void atMostFiveVariants() {
      StepDefinition step =
          step(
              Varies.SUBJECT,
              copy("B", "b", null),
              copy("C", "c", null),
              copy("D", "d", null),
              copy("E", "e", null),
              copy("F", "f", null),
              copy("G", "g", null));

      assertThat(fields(step)).containsExactly("steps[0].variants");
    }

    @Test
    void aSegmentExperimentKeepsTheCopyAndACopyExperimentKeepsTheAudience() {
      StepDefinition segments =
          step(
              Varies.SEGMENT,
              new Variant("B", "other subject", null, null, "fintech"),
              new Variant("C", null, null, null, null));
      StepDefinition copyWithSegment =
          step(Varies.SUBJECT, new Variant("B", "other subject", null, null, "fintech"));

      assertThat(fields(segments))
          .containsExactly("steps[0].variants[0]", "steps[0].variants[1].segment");
      assertThat(fields(copyWithSegment)).containsExactly("steps[0].variants[0].segment");
    }

    @Test
    void aVariantsCopyMeetsTheStepsChannelRules() {
      StepDefinition inMail =
          new StepDefinition(
              "day-0",
              Channel.LINKEDIN_INMAIL,
              0,
              "Subject",
              "Hi {{first_name}}",
              null,
              null,
              List.of(
                  new Variant("B", "s".repeat(201), null, null, null),
                  new Variant("C", null, "Hi {{first_name", null, null)),
              new ExperimentSpec(Varies.SUBJECT, null, null, null));

      assertThat(fields(inMail))
          .containsExactly("steps[0].variants[0].subject", "steps[0].variants[1].body");
    }
  }

  @Nested
  class Rendering {

    private final Copy copy = new Copy(TestProperties.bind(Map.of()));

    @Test
    void aProspectThatCannotRenderVariantBIsRefusedLikeOneThatCannotRenderTheControl() {
      StepDefinition step = step(Varies.SUBJECT, copy("B", "{{trigger}} at {{company}}", null));
      SequenceVersion version =
          new SequenceVersion(
              UUID.randomUUID(), UUID.randomUUID(), "s", 1, List.of(step), Instant.EPOCH);
      Prospect prospect =
          new Prospect(
              UUID.randomUUID(),
              "ada@example.com",
              null,
              "Ada",
              null,
              "Acme",
              null,
              null,
              false,
              false,
              Map.of(),
              null,
              Checklist.EMPTY,
              Checklist.EMPTY,
              null);

      assertThat(copy.problems(version, prospect, "prospect"))
          .extracting(FieldProblem::field, FieldProblem::reason)
          .containsExactly(
              tuple(
                  "prospect.fields.trigger",
                  "no value for placeholder {{trigger}} used by step 'day-0' variant B; a message"
                      + " is never sent with a hole in it"));
      assertThat(step.withVariant("B").subject()).isEqualTo("{{trigger}} at {{company}}");
      assertThat(step.withVariant("B").body()).isEqualTo(BODY);
    }
  }
}
