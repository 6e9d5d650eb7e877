package io.sequor.app.roles;

import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.workspaces.ApiKeyStore;
import io.sequor.domain.workspaces.Workspaces;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;

/**
 * The way in: when the default workspace has no live API key, {@code sequor.api.bootstrap-key}
 * becomes its ADMIN key. Without one, the API would answer 401 to everybody, so the start fails and
 * says what to set.
 */
@Configuration(proxyBeanMethods = false)
@Profile("api")
class ApiKeyBootstrap {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyBootstrap.class);

  @Bean
  ApplicationRunner bootstrapApiKey(ApiKeyStore keys, SequorProperties properties) {
    return args -> {
      if (keys.hasLiveKey(Workspaces.DEFAULT)) {
        return;
      }
      String key = properties.api().bootstrapKey();
      if (key == null || key.isBlank()) {
        throw new IllegalStateException(
            "the default workspace has no API key: set SEQUOR_API_BOOTSTRAP_KEY"
                + " (sequor.api.bootstrap-key) to 24+ random characters, for example from"
                + " 'openssl rand -base64 32'");
      }
      key = key.strip();
      if (keys.known(key)) {
        throw new IllegalStateException(
            "the bootstrap API key was revoked and the default workspace has no other live key:"
                + " set a new SEQUOR_API_BOOTSTRAP_KEY (embedded runtime: delete .sequor/api-key"
                + " and restart)");
      }
      try {
        keys.store(Workspaces.DEFAULT, "bootstrap", key, Set.of("ADMIN"), null, null);
        log.info("stored the bootstrap API key as the default workspace's ADMIN key");
      } catch (DuplicateKeyException storedByAnotherProcess) {
        log.debug("the bootstrap API key was stored by another process");
      }
    };
  }
}
