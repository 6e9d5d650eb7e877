package io.sequor.domain.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.secrets.Secret;
import io.sequor.domain.secrets.SecretBox;
import io.sequor.domain.secrets.SecretsProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a process finds at start-up about the mailbox passwords in the store: it refuses to run
 * without their key, and moves them to a new key when the old one is listed as previous.
 */
class MailboxStoreTest {

  private static final SequorClock CLOCK = () -> Instant.parse("2026-03-02T09:00:00Z");
  private static EmbeddedPostgres postgres;
  private static JdbcClient jdbc;

  @BeforeAll
  static void store() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  private static MailboxStore storeWith(String key, String... previous) {
    return new MailboxStore(
        jdbc,
        new SecretBox(new SecretsProperties(key, List.of(previous))),
        JsonMapper.builder().build(),
        CLOCK);
  }

  private static String withPassword(MailboxStore store, String password) {
    String id = "mb-" + UUID.randomUUID().toString().substring(0, 8);
    store.create(
        id,
        new MailboxStore.Draft(
            "rep@example.com",
            null,
            new MailServer(
                "smtp.example.com", 587, "rep", Secret.of(password), MailServer.Security.STARTTLS),
            null,
            null));
    return id;
  }

  private static void clear() {
    jdbc.sql("DELETE FROM mailboxes").update();
  }

  @Test
  void withoutAKeyAProcessRefusesToStartOnceAPasswordIsStoredAndCannotStoreOne() {
    clear();
    MailboxStore keyless = storeWith("");
    keyless.checkSecrets();
    assertThatThrownBy(() -> withPassword(keyless, "hunter2"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("SEQUOR_SECRETS_KEY");

    String id = withPassword(storeWith(SecretBox.newKey()), "hunter2");

    assertThatThrownBy(keyless::checkSecrets)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SEQUOR_SECRETS_KEY")
        .hasMessageContaining(id)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aWrongKeyIsRefusedNamingTheKeyTheStoreNeeds() {
    clear();
    String key = SecretBox.newKey();
    withPassword(storeWith(key), "hunter2");
    String neededId = new SecretBox(new SecretsProperties(key, List.of())).currentKeyId().get();

    assertThatThrownBy(() -> storeWith(SecretBox.newKey()).checkSecrets())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(neededId);
  }

  @Test
  void aRotatedKeyReencryptsStoredPasswordsAndTheOldKeyIsThenNoLongerNeeded() {
    clear();
    String oldKey = SecretBox.newKey();
    String id = withPassword(storeWith(oldKey), "hunter2");
    String newKey = SecretBox.newKey();

    storeWith(newKey, oldKey).checkSecrets();

    MailboxStore newOnly = storeWith(newKey);
    newOnly.checkSecrets();
    assertThat(newOnly.get(id).smtp().password().reveal()).isEqualTo("hunter2");
  }

  @Test
  void passwordsAreOpenedOnlyWhenRevealedAndPrintAsStars() {
    clear();
    MailboxStore store = storeWith(SecretBox.newKey());
    Mailbox mailbox = store.get(withPassword(store, "hunter2"));

    assertThat(mailbox.toString()).doesNotContain("hunter2").contains("****");
    assertThat(mailbox.smtp().password().reveal()).isEqualTo("hunter2");
  }
}
