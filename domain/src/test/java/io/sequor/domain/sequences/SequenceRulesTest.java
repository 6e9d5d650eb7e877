package io.sequor.domain.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.config.TestProperties;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.workflows.sequence.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceRulesTest {

  private static SequorProperties properties(int inMailBody, int connectionNote) {
    return TestProperties.bind(
        Map.of(
            "limits.in-mail-body", String.valueOf(inMailBody),
            "limits.connection-note", String.valueOf(connectionNote)));
  }

  private final SequenceRules rules = new SequenceRules(properties(1900, 300));

  @Test
  void theCanonicalPlayPassesWithoutErrorsOrWarnings() {
    CanonicalPlay.Definition play =
        CanonicalPlay.load(tools.jackson.databind.json.JsonMapper.builder().build());
    SequenceRules.Verdict verdict = rules.check(play.name(), play.steps());
    assertThat(verdict.errors()).isEmpty();
    assertThat(verdict.warnings()).isEmpty();
    assertThat(play.steps()).filteredOn(s -> s.channel() == Channel.LINKEDIN_INMAIL).hasSize(4);
  }

  @Test
  void limitsComeFromConfigurationNotCode() {
    SequenceRules strict = new SequenceRules(properties(1900, 200));
    StepDefinition note =
        new StepDefinition("connect", Channel.LINKEDIN_CONNECT, 0, null, "n".repeat(250));
    assertThat(rules.check("s", List.of(note)).errors()).isEmpty();
    assertThat(strict.check("s", List.of(note)).errors())
        .extracting(FieldProblem::field)
        .containsExactly("steps[0].body");
  }

  @Test
  void stepsOfABranchMustNotGoBackInTime() {
    List<StepDefinition> steps =
        List.of(
            new StepDefinition("a", Channel.EMAIL, 5, "S", "Hi"),
            new StepDefinition("b", Channel.LINKEDIN_INMAIL, 0, "S", "Hi"),
            new StepDefinition("c", Channel.EMAIL, 3, "S", "Hi"));
    assertThat(rules.check("s", steps).errors())
        .extracting(FieldProblem::field)
        .containsExactly("steps[2].dayOffset");
  }

  @Test
  void duplicateAndMalformedKeysAreNamed() {
    List<StepDefinition> steps =
        List.of(
            new StepDefinition("same", Channel.LINKEDIN_MESSAGE, 0, null, "Hi"),
            new StepDefinition("same", Channel.LINKEDIN_MESSAGE, 1, null, "Hi"),
            new StepDefinition("Bad Key", Channel.LINKEDIN_MESSAGE, 2, null, "Hi"));
    assertThat(rules.check("s", steps).errors())
        .extracting(FieldProblem::field)
        .containsExactly("steps[1].key", "steps[2].key");
  }

  @Test
  void onlyTheFirstEmailStepNeedsASubjectLaterOnesMayReplyInItsThread() {
    List<StepDefinition> threaded =
        List.of(
            new StepDefinition("inmail", Channel.LINKEDIN_INMAIL, 0, "S", "Hi"),
            new StepDefinition("first", Channel.EMAIL, 1, "Hello {{company}}", "Hi"),
            new StepDefinition("bump", Channel.EMAIL, 3, null, "Hi again"));
    assertThat(rules.check("s", threaded).errors()).isEmpty();

    List<StepDefinition> noOpener =
        List.of(
            new StepDefinition("first", Channel.EMAIL, 1, null, "Hi"),
            new StepDefinition("blank", Channel.EMAIL, 3, " ", "Hi again"));
    assertThat(rules.check("s", noOpener).errors())
        .extracting(FieldProblem::field, FieldProblem::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "steps[0].subject",
                "the first email step needs a subject; later ones may leave it out to reply in"
                    + " its thread"),
            org.assertj.core.groups.Tuple.tuple(
                "steps[1].subject",
                "must not be blank; leave it out to reply in the first email's thread"));
  }
}
