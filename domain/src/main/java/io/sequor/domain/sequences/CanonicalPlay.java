package io.sequor.domain.sequences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** The built-in Day 0/3/7/14 InMail play with parallel emails, shipped as an example. */
public final class CanonicalPlay {

  /** The example's fixed id, so the README's commands work on every fresh start. */
  public static final UUID ID = UUID.fromString("5e9c0a11-0000-4000-8000-00000000c0de");

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
