package io.sequor.domain.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@link SequorProperties} the way the application does, from property names, so a test names
 * only what it cares about and every other setting keeps its documented default.
 */
public final class TestProperties {

  private TestProperties() {}

  /** Properties named without the {@code sequor.} prefix, e.g. {@code limits.in-mail-body}. */
  public static SequorProperties bind(Map<String, String> values) {
    Map<String, String> prefixed = new HashMap<>();
    values.forEach((name, value) -> prefixed.put("sequor." + name, value));
    return new Binder(new MapConfigurationPropertySource(prefixed))
        .bindOrCreate("sequor", SequorProperties.class);
  }
}
