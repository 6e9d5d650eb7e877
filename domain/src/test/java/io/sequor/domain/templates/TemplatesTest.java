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

  @Test
  void theHtmlBodyEscapesTheTemplatesTextAndEveryValueAndLaysOutParagraphs() {
    String html =
        Templates.renderHtml(
            "Hi {{first_name}},\n\nA note for {{company}} & friends <3.\nBest,\nSam\n",
            Map.of("first_name", "<script>alert(1)</script> & Co", "company", "R&D"));
    assertThat(html)
        .isEqualTo(
            "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,</p>\n"
                + "<p>A note for R&amp;D &amp; friends &lt;3.<br>\nBest,<br>\nSam</p>");
  }

  @Test
  void theHtmlBodyEscapesValuesEvenWhereTheTemplateAsksForThemUnescaped() {
    assertThat(
            Templates.renderHtml(
                "{{{company}}} and {{&company}}", Map.of("company", "<b>Acme</b>")))
        .isEqualTo("<p>&lt;b&gt;Acme&lt;/b&gt; and &lt;b&gt;Acme&lt;/b&gt;</p>");
  }

  @Test
  void onlyWholeWebLinksOfTheTemplatesOwnTextBecomeLinks() {
    String html =
        Templates.renderHtml(
            "See https://sequor.dev/demo?a=1&b=2. Or https://example.com/{{slug}} or"
                + " javascript://alert or {{site}}",
            Map.of("slug", "x\"onclick=\"alert(1)", "site", "https://evil.example"));
    assertThat(html)
        .contains(
            "<a href=\"https://sequor.dev/demo?a&#x3D;1&amp;b&#x3D;2\">"
                + "https://sequor.dev/demo?a&#x3D;1&amp;b&#x3D;2</a>.")
        .as("a link that runs into a placeholder stays text")
        .contains("Or https://example.com/x&quot;onclick&#x3D;&quot;alert(1) or")
        .as("only http and https are linked")
        .contains("javascript://alert or")
        .as("a value is never made a link")
        .endsWith("or https://evil.example</p>")
        .containsOnlyOnce("<a ");
  }

  @Test
  void thePlainBodyKeepsValuesAsGiven() {
    assertThat(
            Templates.render(
                "Hi {{first_name}} & co", Map.of("first_name", "<script>alert(1)</script>")))
        .isEqualTo("Hi <script>alert(1)</script> & co");
  }
}
