package io.sequor.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.inbound.Classification.Kind;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Classifies every message of the corpus under {@code src/test/resources/corpus/<expected-kind>/}
 * and prints the confusion table that docs/inbound-classification.md quotes.
 */
class CorpusTest {

  static final InboundClassifier CLASSIFIER =
      new InboundClassifier(
          Set.of("sequor.local"),
          Set.of("sam.rivera@northwind-outreach.example", "outreach@sequor.local"));

  private static final Path CORPUS = corpus();
  private static final List<Result> RESULTS = new ArrayList<>();

  record Result(String file, Kind expected, Classification actual, String from) {}

  @BeforeAll
  static void classifyAll() throws Exception {
    for (Kind kind : Kind.values()) {
      Path dir = CORPUS.resolve(kind.name().toLowerCase(Locale.ROOT));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
          MimeMessage message = read(file);
          Instant receivedAt = message.getSentDate().toInstant().plusSeconds(5);
          String from = message.getHeader("From", null);
          RESULTS.add(
              new Result(
                  CORPUS.relativize(file).toString().replace('\\', '/'),
                  kind,
                  CLASSIFIER.classify(message, receivedAt),
                  from));
        }
      }
    }
  }

  @Test
  void classifiesAtLeastNinetyFivePercentOfTheCorpusRight() {
    Map<Kind, Map<Kind, Integer>> confusion = new EnumMap<>(Kind.class);
    int right = 0;
    List<String> wrong = new ArrayList<>();
    for (Result r : RESULTS) {
      confusion
          .computeIfAbsent(r.expected(), k -> new EnumMap<>(Kind.class))
          .merge(r.actual().kind(), 1, Integer::sum);
      if (r.expected() == r.actual().kind()) {
        right++;
      } else {
        wrong.add(r.file() + " -> " + r.actual().kind() + " (" + r.actual().reason() + ")");
      }
    }
    double accuracy = (double) right / RESULTS.size();
    System.out.println(table(confusion, right));
    wrong.forEach(w -> System.out.println("misclassified: " + w));

    assertThat(RESULTS).as("corpus size").hasSizeGreaterThanOrEqualTo(45);
    for (Kind kind : Kind.values()) {
      assertThat(RESULTS.stream().filter(r -> r.expected() == kind))
          .as("messages expected as %s", kind)
          .isNotEmpty();
    }
    assertThat(accuracy).as("accuracy; misclassified: %s", wrong).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void readsTheReturnDateOfEveryOutOfOfficeThatStatesOne() throws IOException {
    Properties expected = properties("expected-return-dates.properties");
    SoftAssertions softly = new SoftAssertions();
    for (Result r : RESULTS) {
      if (r.expected() != Kind.AUTO_REPLY) {
        continue;
      }
      String name = Path.of(r.file()).getFileName().toString();
      String date = expected.getProperty(name);
      if (date == null) {
        softly.assertThat(r.actual().returnAt()).as("%s states no return date", name).isNull();
      } else {
        softly
            .assertThat(r.actual().returnAt())
            .as("return date of %s", name)
            .isEqualTo(OffsetDateTime.parse(date).toInstant());
      }
    }
    assertThat(expected.stringPropertyNames())
        .as("every expected date names a corpus file")
        .allSatisfy(n -> assertThat(CORPUS.resolve("auto_reply").resolve(n)).exists());
    softly.assertAll();
  }

  @Test
  void readsStatusRecipientAndOriginalMessageOfEveryBounce() throws IOException {
    Properties expected = properties("expected-bounces.properties");
    SoftAssertions softly = new SoftAssertions();
    for (Result r : RESULTS) {
      if (r.expected() != Kind.BOUNCE_PERMANENT && r.expected() != Kind.BOUNCE_TRANSIENT) {
        continue;
      }
      String[] fields = expected.getProperty(r.file(), "").split("\\|", -1);
      softly.assertThat(fields).as("expected fields for %s", r.file()).hasSize(3);
      if (fields.length != 3) {
        continue;
      }
      softly
          .assertThat(r.actual().statusCode())
          .as("status of %s", r.file())
          .isEqualTo(blank(fields[0]));
      softly
          .assertThat(r.actual().bouncedRecipient())
          .as("recipient of %s", r.file())
          .isEqualTo(blank(fields[1]));
      softly
          .assertThat(r.actual().originalMessageId())
          .as("original Message-ID of %s", r.file())
          .isEqualTo(blank(fields[2]));
    }
    softly.assertAll();
  }

  @Test
  void repliesPointAtTheMessageTheyAnswer() {
    for (Result r : RESULTS) {
      if (r.expected() == Kind.REPLY) {
        assertThat(r.actual().originalMessageId()).as(r.file()).endsWith("@sequor.local>");
      }
    }
  }

  @Test
  void reasonsNameTheRuleAndNothingOfTheSender() {
    for (Result r : RESULTS) {
      String reason = r.actual().reason();
      assertThat(reason).as(r.file()).isNotBlank().doesNotContain("@").hasSizeLessThan(80);
      String name = r.from() == null ? "" : r.from().replaceAll("<.*>", "").replace("\"", "");
      for (String word : name.split("[^\\p{L}]+")) {
        if (word.length() > 3) {
          assertThat(reason.toLowerCase(Locale.ROOT))
              .as("%s: reason %s", r.file(), reason)
              .doesNotContain(word.toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  private static String table(Map<Kind, Map<Kind, Integer>> confusion, int right) {
    StringBuilder t = new StringBuilder("\n| expected \\ classified |");
    for (Kind k : Kind.values()) {
      t.append(' ').append(k).append(" |");
    }
    t.append(" total |\n|---|");
    t.append("---:|".repeat(Kind.values().length + 1)).append('\n');
    for (Kind expected : Kind.values()) {
      Map<Kind, Integer> row = confusion.getOrDefault(expected, Map.of());
      t.append("| ").append(expected).append(" |");
      int total = 0;
      for (Kind actual : Kind.values()) {
        int n = row.getOrDefault(actual, 0);
        total += n;
        t.append(' ').append(n).append(" |");
      }
      t.append(' ').append(total).append(" |\n");
    }
    t.append(
        String.format(
            Locale.ROOT,
            "%nAccuracy: %d of %d (%.1f%%)%n",
            right,
            RESULTS.size(),
            100.0 * right / RESULTS.size()));
    return t.toString();
  }

  private static String blank(String field) {
    String value = field.strip();
    return value.isEmpty() ? null : value;
  }

  static MimeMessage read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }

  private static Properties properties(String name) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(CORPUS.resolve(name), StandardCharsets.UTF_8)));
    return p;
  }

  private static Path corpus() {
    try {
      return Path.of(CorpusTest.class.getResource("/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
