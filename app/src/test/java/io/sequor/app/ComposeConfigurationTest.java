package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sequor.domain.config.SequorProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml runs the api and worker roles against real services. Spring ignores an
 * environment variable nobody reads, and a wrong host or port only shows when the stack is up, so
 * these tests read the compose file next to application*.yaml and fail where they disagree.
 */
@DisplayName("docker-compose.yml agrees with application*.yaml")
class ComposeConfigurationTest {

  private static final List<String> APPLICATION_FILES =
      List.of("application.yaml", "application-worker.yaml", "application-embedded.yaml");

  /** {@code ${NAME}} or {@code ${NAME:default}} in application*.yaml. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

  /** Compose interpolation: {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME?error}}... */
  private static final Pattern COMPOSE_VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");

  private static final Pattern JDBC_URL =
      Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

  private static final Pattern HEALTH_URL =
      Pattern.compile("https?://[^/:\\s]+:(\\d+)/actuator/health");

  /**
   * Read by the JVM itself rather than by Spring; the standard way to pass flags to a container.
   */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  private static Map<String, Service> services;
  private static Map<String, String> placeholderDefaults;
  private static Set<String> relaxedPropertyNames;

  @BeforeAll
  static void readConfiguration() throws IOException {
    services = readCompose(findComposeFile());
    placeholderDefaults = readPlaceholders();
    relaxedPropertyNames = relaxedNamesOfKnownProperties();
  }

  @Nested
  @DisplayName("environment variables")
  class Variables {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void everyVariableTheRoleSetsIsOneTheApplicationReads(String role) {
      Service service = service(role);
      List<String> unread = new ArrayList<>();
      for (String variable : service.environment().keySet()) {
        if (!placeholderDefaults.containsKey(variable)
            && !relaxedPropertyNames.contains(variable)
            && !JVM_VARIABLES.contains(variable)) {
          unread.add(variable);
        }
      }
      assertThat(unread)
          .as(
              "service '%s' sets variables that no ${NAME:...} placeholder in %s reads and that"
                  + " are not the relaxed name of any documented Spring or sequor.* property,"
                  + " so Spring would silently ignore them",
              role, APPLICATION_FILES)
          .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void roleRunsItsOwnProfileAgainstTheComposeServices(String role) {
      String profiles = service(role).environment().get("SPRING_PROFILES_ACTIVE");
      assertThat(profiles)
          .as(
              "service '%s' must set SPRING_PROFILES_ACTIVE, or it starts the embedded runtime"
                  + " and ignores every service in docker-compose.yml",
              role)
          .isNotNull();
      assertThat(List.of(profiles.split("\\s*,\\s*")))
          .as("service '%s' sets SPRING_PROFILES_ACTIVE=%s", role, profiles)
          .contains(role)
          .doesNotContain("embedded");
    }
  }

  @Nested
  @DisplayName("connections")
  class Connections {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void storeUrlPointsAtTheComposePostgresWithItsCredentials(String role) {
      Service service = service(role);
      String url = service.effective("SEQUOR_DB_URL");
      Matcher jdbc = JDBC_URL.matcher(url);
      assertThat(jdbc.matches())
          .as(
              "service '%s' sets SEQUOR_DB_URL=%s, not a jdbc:postgresql://host:port/db URL",
              role, url)
          .isTrue();
      Service postgres = target(role, "SEQUOR_DB_URL", jdbc.group(1), "postgres");
      assertThat(portOr(jdbc.group(2), 5432))
          .as(
              "service '%s' sets SEQUOR_DB_URL=%s, but '%s' listens on its default port",
              role, url, postgres.name())
          .isEqualTo(postgres.listenPort("PGPORT", 5432));
      String database =
          postgres.environment().getOrDefault("POSTGRES_DB", postgres.user("POSTGRES_USER"));
      assertThat(jdbc.group(3))
          .as(
              "database in service '%s' SEQUOR_DB_URL vs POSTGRES_DB of '%s'",
              role, postgres.name())
          .isEqualTo(database);
      assertThat(service.effective("SEQUOR_DB_USER"))
          .as("service '%s' SEQUOR_DB_USER vs POSTGRES_USER of '%s'", role, postgres.name())
          .isEqualTo(postgres.user("POSTGRES_USER"));
      assertThat(service.effective("SEQUOR_DB_PASSWORD"))
          .as("service '%s' SEQUOR_DB_PASSWORD vs POSTGRES_PASSWORD of '%s'", role, postgres.name())
          .isEqualTo(postgres.environment().get("POSTGRES_PASSWORD"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void temporalAddressPointsAtTheComposeTemporalFrontend(String role) {
      Service service = service(role);
      String address = service.effective("TEMPORAL_ADDRESS");
      int colon = address.lastIndexOf(':');
      String host = colon < 0 ? address : address.substring(0, colon);
      Service temporal = target(role, "TEMPORAL_ADDRESS", host, "temporalio/server");
      assertThat(colon < 0 ? 7233 : Integer.parseInt(address.substring(colon + 1)))
          .as(
              "service '%s' sets TEMPORAL_ADDRESS=%s, but the frontend of '%s' listens elsewhere",
              role, address, temporal.name())
          .isEqualTo(temporal.listenPort("FRONTEND_GRPC_PORT", 7233));
      if (!temporal.environment().containsKey("TEMPORAL_TLS_FRONTEND_CERT")) {
        assertThat(service.effective("TEMPORAL_TLS"))
            .as(
                "service '%s' TEMPORAL_TLS: the frontend of '%s' has no certificate, so it speaks"
                    + " plaintext",
                role, temporal.name())
            .isEqualTo("false");
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void temporalNamespaceIsTheOneComposeCreates(String role) {
      String namespace = service(role).effective("TEMPORAL_NAMESPACE");
      List<Service> creators =
          services.values().stream()
              .filter(s -> s.command().contains("operator namespace create"))
              .toList();
      assertThat(creators)
          .as("no service in docker-compose.yml creates a Temporal namespace for '%s'", role)
          .isNotEmpty();
      for (Service creator : creators) {
        assertThat(creator.environment().get("TEMPORAL_NAMESPACE"))
            .as(
                "service '%s' creates the namespace its TEMPORAL_NAMESPACE names, but '%s' uses"
                    + " TEMPORAL_NAMESPACE=%s",
                creator.name(), role, namespace)
            .isEqualTo(namespace);
        assertThat(creator.environment().get("TEMPORAL_ADDRESS"))
            .as(
                "service '%s' creates the namespace on TEMPORAL_ADDRESS, but '%s' connects to"
                    + " another",
                creator.name(), role)
            .isEqualTo(service(role).effective("TEMPORAL_ADDRESS"));
      }
      services.values().stream()
          .filter(s -> s.environment().containsKey("TEMPORAL_DEFAULT_NAMESPACE"))
          .forEach(
              ui ->
                  assertThat(ui.environment().get("TEMPORAL_DEFAULT_NAMESPACE"))
                      .as(
                          "service '%s' TEMPORAL_DEFAULT_NAMESPACE vs TEMPORAL_NAMESPACE of '%s'",
                          ui.name(), role)
                      .isEqualTo(namespace));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void smtpSettingsPointAtTheMailCatcher(String role) {
      Service service = service(role);
      String host = service.effective("SEQUOR_SMTP_HOST");
      Service mail = target(role, "SEQUOR_SMTP_HOST", host, "axllent/mailpit");
      String bind = mail.environment().getOrDefault("MP_SMTP_BIND_ADDR", ":1025");
      assertThat(Integer.parseInt(service.effective("SEQUOR_SMTP_PORT")))
          .as(
              "service '%s' sets SEQUOR_SMTP_PORT=%s, but '%s' takes SMTP on %s",
              role, service.effective("SEQUOR_SMTP_PORT"), mail.name(), bind)
          .isEqualTo(Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void roleWaitsUntilEveryServiceItConnectsToIsReady(String role) {
      Service service = service(role);
      service
          .dependsOn()
          .forEach(
              (dependency, condition) ->
                  assertThat(condition)
                      .as(
                          "service '%s' depends_on '%s' with condition %s, which only orders the"
                              + " starts",
                          role, dependency, condition)
                      .isIn("service_healthy", "service_completed_successfully"));
      String store = JDBC_URL.matcher(service.effective("SEQUOR_DB_URL")).replaceFirst("$1");
      String temporal = service.effective("TEMPORAL_ADDRESS").replaceFirst(":\\d+$", "");
      String mail = service.effective("SEQUOR_SMTP_HOST");
      for (String needed : List.of(store, temporal, mail)) {
        assertThat(waitsFor(service, needed))
            .as("service '%s' starts without waiting, directly or not, for '%s'", role, needed)
            .isTrue();
      }
    }
  }

  @Nested
  @DisplayName("ports")
  class Ports {

    @Test
    void apiPublishesThePortItListensOn() {
      Service api = service("api");
      int port = api.serverPort();
      assertThat(api.ports())
          .as(
              "service 'api' listens on %d (SEQUOR_PORT, or the default in application.yaml) but"
                  + " publishes %s",
              port, api.ports())
          .anySatisfy(p -> assertThat(p.target()).isEqualTo(port));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "worker"})
    void healthCheckProbesThePortTheRoleListensOn(String role) {
      Service service = service(role);
      Matcher probe = HEALTH_URL.matcher(service.healthCheck());
      assertThat(probe.find())
          .as(
              "service '%s' has no health check calling /actuator/health: %s",
              role, service.healthCheck())
          .isTrue();
      assertThat(Integer.parseInt(probe.group(1)))
          .as(
              "service '%s' health check probes port %s but the role listens on %d (SEQUOR_PORT)",
              role, probe.group(1), service.serverPort())
          .isEqualTo(service.serverPort());
    }

    @Test
    void workerPublishesNoFixedHostPortSoItScales() {
      Service worker = service("worker");
      assertThat(worker.ports())
          .as(
              "service 'worker' publishes a fixed host port, so a second replica could not start"
                  + " (docker compose up --scale worker=3)")
          .allSatisfy(p -> assertThat(p.published()).isNull());
      assertThat(worker.definition())
          .as("service 'worker' sets container_name, which only one replica can have")
          .doesNotContainKey("container_name");
    }
  }

  // ---- reading the files -------------------------------------------------------------------

  private static Service service(String name) {
    Service service = services.get(name);
    if (service == null) {
      fail("docker-compose.yml has no service '%s'; it has %s", name, services.keySet());
    }
    return service;
  }

  /** The compose service a role's variable names as its host, checked to run the given image. */
  private static Service target(String role, String variable, String host, String repository) {
    Service target = services.get(host);
    if (target == null) {
      fail(
          "service '%s' has %s pointing at host '%s', which is not a service in"
              + " docker-compose.yml %s",
          role, variable, host, services.keySet());
    }
    assertThat(target.repository())
        .as(
            "service '%s' has %s pointing at host '%s', which runs %s rather than %s",
            role, variable, host, target.image(), repository)
        .isEqualTo(repository);
    return target;
  }

  private static boolean waitsFor(Service from, String target) {
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(from.dependsOn().keySet());
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next) && services.containsKey(next)) {
        pending.addAll(services.get(next).dependsOn().keySet());
      }
    }
    return false;
  }

  private static int portOr(String port, int fallback) {
    return port == null ? fallback : Integer.parseInt(port);
  }

  private static Path findComposeFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docker-compose.yml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Service> readCompose(Path file) throws IOException {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(file)) {
      compose = new Yaml().load(reader);
    }
    Map<String, Object> definitions =
        (Map<String, Object>) compose.getOrDefault("services", Map.of());
    Map<String, Service> byName = new LinkedHashMap<>();
    definitions.forEach(
        (name, definition) ->
            byName.put(name, new Service(name, (Map<String, Object>) definition)));
    return byName;
  }

  /** Every {@code ${NAME:default}} in application*.yaml; the first file to name it wins. */
  private static Map<String, String> readPlaceholders() throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String file : APPLICATION_FILES) {
      try (InputStream in = ComposeConfigurationTest.class.getResourceAsStream("/" + file)) {
        assertThat(in).as("%s is not on the classpath", file).isNotNull();
        collectPlaceholders(new Yaml().load(in), defaults);
      }
    }
    return defaults;
  }

  private static void collectPlaceholders(Object node, Map<String, String> defaults) {
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(value -> collectPlaceholders(value, defaults));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> collectPlaceholders(value, defaults));
    } else if (node instanceof String text) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        defaults.putIfAbsent(m.group(1), Objects.requireNonNullElse(m.group(2), ""));
      }
    }
  }

  /**
   * The environment-variable form of every property Spring documents in configuration metadata
   * (Spring Boot's, the Temporal starter's) and of every component of {@link SequorProperties}:
   * {@code spring.temporal.connection.api-key} is {@code SPRING_TEMPORAL_CONNECTION_APIKEY}.
   */
  private static Set<String> relaxedNamesOfKnownProperties() throws IOException {
    Set<String> names = new TreeSet<>();
    JsonMapper json = JsonMapper.builder().build();
    for (URL metadata :
        Collections.list(
            ComposeConfigurationTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = metadata.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          names.add(environmentName(property.path("name").asString()));
        }
      }
    }
    addRecordComponents("sequor", SequorProperties.class, names);
    assertThat(names)
        .as("configuration metadata of Spring Boot and the Temporal starter on the classpath")
        .contains("SPRING_PROFILES_ACTIVE", "SPRING_TEMPORAL_CONNECTION_APIKEY");
    return names;
  }

  private static void addRecordComponents(String prefix, Class<?> type, Set<String> names) {
    for (RecordComponent component : type.getRecordComponents()) {
      String property = prefix + "." + component.getName();
      if (component.getType().isRecord()) {
        addRecordComponents(property, component.getType(), names);
      } else {
        names.add(environmentName(property));
      }
    }
  }

  private static String environmentName(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Resolves compose interpolation to the defaults written in the file, as with no .env. */
  private static String interpolate(String value) {
    String escaped = value.replace("$$", "\u0000");
    Matcher m = COMPOSE_VARIABLE.matcher(escaped);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String operator = m.group(2);
      String fallback = operator != null && operator.endsWith("-") ? m.group(3) : "";
      m.appendReplacement(out, Matcher.quoteReplacement(fallback));
    }
    m.appendTail(out);
    return out.toString().replace("\u0000", "$");
  }

  private record PortMapping(String published, int target) {}

  private record Service(String name, Map<String, Object> definition) {

    Map<String, String> environment() {
      Object environment = definition.get("environment");
      Map<String, String> variables = new LinkedHashMap<>();
      if (environment instanceof Map<?, ?> map) {
        map.forEach(
            (key, value) ->
                variables.put(
                    String.valueOf(key), value == null ? "" : interpolate(String.valueOf(value))));
      } else if (environment instanceof List<?> list) {
        for (Object entry : list) {
          String[] pair = String.valueOf(entry).split("=", 2);
          variables.put(pair[0], pair.length > 1 ? interpolate(pair[1]) : "");
        }
      }
      return variables;
    }

    /** The value the application sees: the service's variable, else the yaml default. */
    String effective(String variable) {
      String value =
          Optional.ofNullable(environment().get(variable))
              .orElse(placeholderDefaults.get(variable));
      assertThat(value)
          .as(
              "service '%s' does not set %s and application*.yaml has no default for it",
              name, variable)
          .isNotNull();
      return value;
    }

    int serverPort() {
      return Integer.parseInt(effective("SEQUOR_PORT"));
    }

    String user(String variable) {
      return environment().getOrDefault(variable, "postgres");
    }

    int listenPort(String variable, int standard) {
      return Integer.parseInt(environment().getOrDefault(variable, String.valueOf(standard)));
    }

    String image() {
      return String.valueOf(definition.getOrDefault("image", ""));
    }

    /** The image without registry, tag or digest: {@code temporalio/server}, {@code postgres}. */
    String repository() {
      String image = image().replaceFirst("@.*$", "");
      int slash = image.lastIndexOf('/');
      int colon = image.lastIndexOf(':');
      if (colon > slash) {
        image = image.substring(0, colon);
      }
      return image.replaceFirst("^docker\\.io/", "").replaceFirst("^library/", "");
    }

    @SuppressWarnings("unchecked")
    Map<String, String> dependsOn() {
      Object dependsOn = definition.get("depends_on");
      Map<String, String> conditions = new LinkedHashMap<>();
      if (dependsOn instanceof Map<?, ?> map) {
        map.forEach(
            (dependency, options) ->
                conditions.put(
                    String.valueOf(dependency),
                    String.valueOf(
                        ((Map<String, Object>) options)
                            .getOrDefault("condition", "service_started"))));
      } else if (dependsOn instanceof List<?> list) {
        list.forEach(dependency -> conditions.put(String.valueOf(dependency), "service_started"));
      }
      return conditions;
    }

    String command() {
      return flatten(definition.get("entrypoint")) + " " + flatten(definition.get("command"));
    }

    String healthCheck() {
      Object healthcheck = definition.get("healthcheck");
      return healthcheck instanceof Map<?, ?> map ? flatten(map.get("test")) : "";
    }

    List<PortMapping> ports() {
      Object ports = definition.get("ports");
      List<PortMapping> mappings = new ArrayList<>();
      if (ports instanceof List<?> list) {
        for (Object entry : list) {
          mappings.add(parsePort(entry));
        }
      }
      return mappings;
    }

    private PortMapping parsePort(Object entry) {
      if (entry instanceof Map<?, ?> map) {
        Object published = map.get("published");
        return new PortMapping(
            published == null ? null : interpolate(String.valueOf(published)),
            Integer.parseInt(String.valueOf(map.get("target"))));
      }
      String[] parts = interpolate(String.valueOf(entry)).replaceFirst("/\\w+$", "").split(":");
      int target = Integer.parseInt(parts[parts.length - 1]);
      return new PortMapping(parts.length > 1 ? parts[parts.length - 2] : null, target);
    }

    private static String flatten(Object command) {
      if (command instanceof List<?> list) {
        return String.join(" ", list.stream().map(String::valueOf).toList());
      }
      return command == null ? "" : String.valueOf(command);
    }
  }
}
