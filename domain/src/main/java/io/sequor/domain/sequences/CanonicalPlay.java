package io.sequor.domain.sequences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The built-in Day 0/3/7/14 InMail play with parallel emails, shipped as an example. */
public final class CanonicalPlay {

  /** The play as it is stored in {@code canonical-play.json}. */
  public record Definition(String name, List<StepDefinition> steps) {}

  private CanonicalPlay() {}

  public static Definition load(JsonMapper json) {
    try (InputStream in = CanonicalPlay.class.getResourceAsStream("canonical-play.json")) {
      return json.readValue(in, Definition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
