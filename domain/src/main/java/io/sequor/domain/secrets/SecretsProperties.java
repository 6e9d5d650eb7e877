package io.sequor.domain.secrets;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts stored credentials ({@code sequor.secrets.*}). Documented in
 * docs/configuration.md.
 *
 * @param key base64 of 32 random bytes; empty when none is configured
 * @param previousKeys keys used before {@code key}: values sealed under them are still read, and
 *     re-sealed under {@code key} at start-up
 */
@ConfigurationProperties("sequor.secrets")
public record SecretsProperties(
    @DefaultValue("") String key, @DefaultValue List<String> previousKeys) {}
