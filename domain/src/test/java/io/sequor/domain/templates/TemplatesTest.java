package io.sequor.domain.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void rendersEveryPlaceholderWithoutEscapingPlainText() {
    assertThat(
            Templates.render(
                "Hi {{first_name}}, {{company}} & co",
                Map.of("first_name", "Zoë", "company", "R&D")))
        .isEqualTo("Hi Zoë, R&D & co");
  }

  @Test
  void refusesToRenderWithAMissingOrBlankValueAndNamesEveryHole() {
    assertThatThrownBy(
            () ->
                Templates.render(
                    "{{first_name}} at {{company}} after {{trigger}}",
                    Map.of("first_name", "Ada", "company", "  ")))
        .isInstanceOfSatisfying(
            Templates.MissingValueException.class,
            e -> assertThat(e.names()).containsExactlyInAnyOrder("company", "trigger"));
  }

  @Test
  void sectionsPartialsAndOddNamesAreRefusedAtSaveTime() {
    assertThat(Templates.problem("{{#vip}}Hello{{/vip}}")).get().asString().contains("sections");
    assertThat(Templates.problem("{{>footer}}")).get().asString().contains("partials");
    assertThat(Templates.problem("Hi {{FirstName}}")).get().asString().contains("lower_snake_case");
    assertThat(Templates.problem("Hi {{first_name")).get().asString().contains("does not parse");
    assertThat(Templates.problem("Hi {{first_name}}")).isEmpty();
  }
}
