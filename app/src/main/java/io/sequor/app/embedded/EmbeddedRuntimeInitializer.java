package io.sequor.app.embedded;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Starts the embedded services before the context is built and points the datasource, the mail
 * sender and the Temporal client at them; supplies an unsubscribe-link secret when none is set,
 * and, without a configured secrets key or bootstrap API key, the ones kept next to the data
 * directory, made on first start. Registered in META-INF/spring.factories.
 */
public class EmbeddedRuntimeInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (!env.acceptsProfiles(Profiles.of("embedded"))) {
      return;
    }
    EmbeddedSettings settings = EmbeddedSettings.from(env);
    EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(settings);
    Map<String, Object> props = new HashMap<>();
    if (env.getProperty("sequor.mail.unsubscribe-secret", "").isBlank()) {
      props.put("sequor.mail.unsubscribe-secret", UnsubscribeSecret.load(settings));
    }
    String key = env.getProperty("sequor.secrets.key");
    if (key == null || key.isBlank()) {
      props.put("sequor.secrets.key", EmbeddedSecretsKey.resolve(settings));
    }
    String apiKey = env.getProperty("sequor.api.bootstrap-key");
    if (apiKey == null || apiKey.isBlank()) {
      props.put("sequor.api.bootstrap-key", EmbeddedApiKey.resolve(settings));
    }
    props.put("spring.datasource.url", infra.jdbcUrl());
    props.put("spring.datasource.username", "postgres");
    props.put("spring.datasource.password", "postgres");
    props.put("spring.mail.host", "127.0.0.1");
    props.put("spring.mail.port", infra.smtp.getPort());
    props.put("spring.mail.username", "");
    props.put("spring.mail.password", "");
    props.put("spring.temporal.connection.target", "127.0.0.1:" + infra.temporalPort);
    props.put("spring.temporal.namespace", "default");
    props.put("spring.temporal.connection.enable-https", false);
    env.getPropertySources().addFirst(new MapPropertySource("sequor-embedded", props));
    context.getBeanFactory().registerSingleton("embeddedInfrastructure", infra);
  }
}
