package io.sequor.domain.mailboxes;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.pacing.MailboxPacing;
import io.sequor.domain.secrets.Secret;
import io.sequor.domain.secrets.SecretBox;
import io.sequor.domain.secrets.SecretException;
import io.sequor.domain.workspaces.Workspaces;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailbox rows. Passwords are sealed by {@link SecretBox} before they reach the database and opened
 * only when a connection needs them; nothing here logs one.
 */
@Repository
public class MailboxStore {

  /** The mailbox an enrolment sends from when the request names none. */
  public static final String DEFAULT_ID = "default";

  private static final Logger log = LoggerFactory.getLogger(MailboxStore.class);
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

  private final JdbcClient jdbc;
  private final SecretBox box;
  private final JsonMapper json;
  private final SequorClock clock;

  MailboxStore(JdbcClient jdbc, SecretBox box, JsonMapper json, SequorClock clock) {
    this.jdbc = jdbc;
    this.box = box;
    this.json = json;
    this.clock = clock;
  }

  /**
   * A mailbox's settings as given to create or update it.
   *
   * @param smtp a null password keeps the stored one on update (and means none on create)
   * @param imap null: no IMAP; a null password keeps the stored one
   * @param pacing null: not paced
   */
  public record Draft(
      String fromAddress,
      String displayName,
      MailServer smtp,
      MailServer imap,
      MailboxPacing pacing) {}

  /** A row as stored: passwords still sealed. */
  private record Row(
      String id,
      String fromAddress,
      String displayName,
      String smtpHost,
      int smtpPort,
      String smtpUsername,
      String smtpPassword,
      String smtpSecurity,
      String imapHost,
      Integer imapPort,
      String imapUsername,
      String imapPassword,
      String imapSecurity,
      String pacing,
      boolean enabled,
      int version,
      Instant createdAt,
      Instant updatedAt) {}

  // ---- writing -------------------------------------------------------------------------------

  public Mailbox create(String id, Draft draft) {
    return create(Workspaces.DEFAULT, id, draft);
  }

  /**
   * Creates a mailbox in a workspace. Ids are unique across the installation: one taken by another
   * workspace answers 409 without saying whose.
   */
  public Mailbox create(UUID workspaceId, String id, Draft draft) {
    List<FieldProblem> problems = new ArrayList<>();
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(new FieldProblem("id", "must be 1-64 lowercase letters, digits, '-' or '_'"));
    }
    problems.addAll(problems(draft, null));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String smtpPassword = seal(draft.smtp(), id, "smtp", null);
    String imapPassword = draft.imap() == null ? null : seal(draft.imap(), id, "imap", null);
    Timestamp now = Timestamp.from(clock.now());
    int inserted =
        jdbc.sql(
                "INSERT INTO mailboxes (id, from_address, display_name, smtp_host, smtp_port,"
                    + " smtp_username, smtp_password, smtp_security, imap_host, imap_port,"
                    + " imap_username, imap_password, imap_security, pacing, enabled, version,"
                    + " created_at, updated_at, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?::jsonb, true, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
            .params(
                values(
                    id,
                    draft,
                    smtpPassword,
                    imapPassword,
                    List.of(now, now, workspaceId),
                    /* leading= */ true))
            .update();
    if (inserted == 0) {
      if (!inWorkspace(workspaceId, id)) {
        throw new ConflictException("mailbox id '" + id + "' is taken; choose another", null);
      }
      throw new ConflictException("mailbox '" + id + "' already exists", id);
    }
    return get(id);
  }

  /**
   * Replaces a mailbox's settings. A server given without a password keeps the stored one; one that
   * no longer logs in drops it. Sessions cached for the old settings go stale with the version.
   */
  @Transactional
  public Mailbox update(String id, Draft draft) {
    Row current = row(id, true).orElseThrow(() -> new NotFoundException("mailbox", id));
    List<FieldProblem> problems = problems(draft, current);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String smtpPassword = seal(draft.smtp(), id, "smtp", current.smtpPassword());
    String imapPassword =
        draft.imap() == null ? null : seal(draft.imap(), id, "imap", current.imapPassword());
    jdbc.sql(
            "UPDATE mailboxes SET from_address = ?, display_name = ?, smtp_host = ?,"
                + " smtp_port = ?, smtp_username = ?, smtp_password = ?, smtp_security = ?,"
                + " imap_host = ?, imap_port = ?, imap_username = ?, imap_password = ?,"
                + " imap_security = ?, pacing = ?::jsonb, version = version + 1, updated_at = ?"
                + " WHERE id = ?")
        .params(
            values(
                id,
                draft,
                smtpPassword,
                imapPassword,
                List.of(Timestamp.from(clock.now()), id),
                /* leading= */ false))
        .update();
    return get(id);
  }

  /** A disabled mailbox sends nothing and cannot be chosen for new enrolments. */
  public Mailbox setEnabled(String id, boolean enabled) {
    int updated =
        jdbc.sql("UPDATE mailboxes SET enabled = ?, updated_at = ? WHERE id = ?")
            .params(enabled, Timestamp.from(clock.now()), id)
            .update();
    if (updated == 0) {
      throw new NotFoundException("mailbox", id);
    }
    return get(id);
  }

  /**
   * Creates the mailbox if it is missing. With {@code refreshServers}, an existing one takes the
   * draft's address and servers when they differ, keeping its display name, pacing and state.
   */
  @Transactional
  public void ensure(String id, Draft draft, boolean refreshServers) {
    Optional<Mailbox> existing = find(id);
    if (existing.isEmpty()) {
      try {
        create(id, draft);
        log.info("mailbox '{}' created", id);
      } catch (ConflictException createdByAnotherProcess) {
        log.debug("mailbox '{}' was created by another process", id);
      }
      return;
    }
    Mailbox current = existing.get();
    if (refreshServers
        && !(current.fromAddress().equals(draft.fromAddress())
            && same(current.smtp(), draft.smtp())
            && same(current.imap().orElse(null), draft.imap()))) {
      update(
          id,
          new Draft(
              draft.fromAddress(),
              current.displayName(),
              draft.smtp(),
              draft.imap(),
              current.pacing().orElse(null)));
      log.info("mailbox '{}' now points at the configured servers", id);
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  public Mailbox get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("mailbox", id));
  }

  public Optional<Mailbox> find(String id) {
    return row(id, false).map(this::mailbox);
  }

  /** Every workspace's mailboxes, by id. */
  public List<Mailbox> list() {
    return jdbc.sql("SELECT * FROM mailboxes ORDER BY id").query(MailboxStore::row).list().stream()
        .map(this::mailbox)
        .toList();
  }

  /** The workspace's mailboxes, by id. */
  public List<Mailbox> list(UUID workspaceId) {
    return jdbc
        .sql("SELECT * FROM mailboxes WHERE workspace_id = ? ORDER BY id")
        .param(workspaceId)
        .query(MailboxStore::row)
        .list()
        .stream()
        .map(this::mailbox)
        .toList();
  }

  private boolean inWorkspace(UUID workspaceId, String id) {
    return jdbc.sql("SELECT count(*) FROM mailboxes WHERE id = ? AND workspace_id = ?")
            .params(id, workspaceId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Every mailbox with an IMAP server, disabled ones included (replies to what they sent still
   * arrive there). Credentials open with {@code imap().get().password().reveal()}.
   */
  public List<Mailbox> withImap() {
    return jdbc
        .sql("SELECT * FROM mailboxes WHERE imap_host IS NOT NULL ORDER BY id")
        .query(MailboxStore::row)
        .list()
        .stream()
        .map(this::mailbox)
        .toList();
  }

  /** The mailbox an enrolment sends from; enrolments made before mailboxes use the default. */
  public static String mailboxOf(EnrolmentRecord enrolment) {
    return enrolment.mailboxId() == null ? DEFAULT_ID : enrolment.mailboxId();
  }

  // ---- choosing a mailbox for an enrolment ---------------------------------------------------

  /** The pool a request names: {@code mailboxIds}, or the one {@code mailboxId}, or the default. */
  public static List<String> pool(String mailboxId, List<String> mailboxIds) {
    if (mailboxIds != null) {
      return mailboxIds.stream().distinct().toList();
    }
    return List.of(mailboxId != null ? mailboxId : DEFAULT_ID);
  }

  /**
   * What is wrong with a request's choice of mailbox, by field; another workspace's mailbox is
   * refused as one that does not exist.
   */
  public List<FieldProblem> choiceProblems(
      UUID workspaceId, String mailboxId, List<String> mailboxIds) {
    List<FieldProblem> problems = new ArrayList<>();
    if (mailboxId != null && mailboxIds != null) {
      problems.add(new FieldProblem("mailboxIds", "give mailboxId or mailboxIds, not both"));
      return problems;
    }
    if (mailboxIds != null && mailboxIds.isEmpty()) {
      problems.add(new FieldProblem("mailboxIds", "name at least one mailbox"));
      return problems;
    }
    List<String> named =
        mailboxIds != null ? mailboxIds : mailboxId != null ? List.of(mailboxId) : List.of();
    Map<String, Boolean> enabled =
        enabled(workspaceId, named.stream().filter(Objects::nonNull).toList());
    for (int i = 0; i < named.size(); i++) {
      String field = mailboxIds != null ? "mailboxIds[" + i + "]" : "mailboxId";
      String id = named.get(i);
      if (id == null || !enabled.containsKey(id)) {
        problems.add(new FieldProblem(field, "no mailbox with id '" + id + "'"));
      } else if (!enabled.get(id)) {
        problems.add(
            new FieldProblem(
                field, "mailbox '" + id + "' is disabled; enable it or choose another"));
      }
    }
    return problems;
  }

  /**
   * Picks the mailbox a new enrolment sends from: of the pool's enabled mailboxes, the one with the
   * fewest enrolments assigned today (UTC), then the one assigned least recently, then by id. Call
   * it inside the transaction that stores the enrolment: the pool's rows stay locked until it
   * commits, so concurrent enrolments on one pool take turns and spread evenly.
   *
   * @throws InvalidInputException when no mailbox of the pool is enabled
   */
  @Transactional
  public String assign(Collection<String> pool) {
    List<String> ids = pool.stream().filter(Objects::nonNull).distinct().sorted().toList();
    String in = String.join(", ", Collections.nCopies(Math.max(1, ids.size()), "?"));
    // One mailbox leaves nothing to balance: no lock, so enrolments on it never queue.
    List<String> enabled =
        ids.isEmpty()
            ? List.of()
            : jdbc.sql(
                    "SELECT id FROM mailboxes WHERE id IN ("
                        + in
                        + ") AND enabled ORDER BY id"
                        + (ids.size() > 1 ? " FOR UPDATE" : ""))
                .params(ids)
                .query(String.class)
                .list();
    if (enabled.isEmpty()) {
      throw new InvalidInputException(
          ids.size() == 1 ? "mailboxId" : "mailboxIds",
          ids.size() == 1
              ? "mailbox '" + ids.get(0) + "' is missing or disabled; enable it or choose another"
              : "no enabled mailbox to send from among " + ids);
    }
    if (enabled.size() == 1) {
      return enabled.get(0);
    }
    Instant today = clock.now().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    List<Object> params = new ArrayList<>(enabled);
    params.add(Timestamp.from(today));
    return jdbc.sql(
            "SELECT m.id FROM mailboxes m WHERE m.id IN ("
                + String.join(", ", Collections.nCopies(enabled.size(), "?"))
                + ") ORDER BY (SELECT count(*) FROM enrolments e WHERE e.mailbox_id = m.id"
                + " AND e.created_at >= ?), (SELECT max(e.created_at) FROM enrolments e"
                + " WHERE e.mailbox_id = m.id) NULLS FIRST, m.id LIMIT 1")
        .params(params)
        .query(String.class)
        .single();
  }

  // ---- start-up ------------------------------------------------------------------------------

  /**
   * Refuses to go on when stored passwords cannot be opened with the configured keys, and re-seals
   * those under a previous key with the current one (key rotation).
   *
   * @throws IllegalStateException when passwords are stored and no key, or not their key, is set
   */
  public void checkSecrets() {
    record Sealed(String mailbox, String field, String value) {}
    List<Sealed> sealed = new ArrayList<>();
    jdbc.sql(
            "SELECT id, smtp_password, imap_password FROM mailboxes"
                + " WHERE smtp_password IS NOT NULL OR imap_password IS NOT NULL ORDER BY id")
        .query(
            (ResultSet rs) -> {
              String id = rs.getString("id");
              if (rs.getString("smtp_password") != null) {
                sealed.add(new Sealed(id, "smtp", rs.getString("smtp_password")));
              }
              if (rs.getString("imap_password") != null) {
                sealed.add(new Sealed(id, "imap", rs.getString("imap_password")));
              }
            });
    if (sealed.isEmpty()) {
      return;
    }
    List<String> mailboxes = sealed.stream().map(Sealed::mailbox).distinct().toList();
    if (!box.hasKey()) {
      throw new IllegalStateException(
          "mailboxes "
              + mailboxes
              + " hold passwords encrypted with a secrets key, and none is configured: set"
              + " SEQUOR_SECRETS_KEY (sequor.secrets.key) to the key they were encrypted with");
    }
    int resealed = 0;
    for (Sealed s : sealed) {
      if (!box.canOpen(s.value())) {
        throw new IllegalStateException(
            "mailbox '"
                + s.mailbox()
                + "' has its "
                + s.field()
                + " password encrypted under key "
                + box.keyIdOf(s.value())
                + ", which is neither sequor.secrets.key ("
                + box.currentKeyId().orElseThrow()
                + ") nor one of sequor.secrets.previous-keys");
      }
      String context = context(s.mailbox(), s.field());
      String plain;
      try {
        plain = box.open(s.value(), context);
      } catch (SecretException e) {
        log.error(
            "mailbox '{}': its {} password cannot be read ({}); set it again through"
                + " PUT /api/mailboxes/{}",
            s.mailbox(),
            s.field(),
            e.getMessage(),
            s.mailbox());
        continue;
      }
      if (!box.isCurrent(s.value())) {
        jdbc.sql("UPDATE mailboxes SET " + s.field() + "_password = ? WHERE id = ?")
            .params(box.seal(plain, context), s.mailbox())
            .update();
        resealed++;
      }
    }
    if (resealed > 0) {
      log.info(
          "re-encrypted {} mailbox password(s) under the current secrets key {}",
          resealed,
          box.currentKeyId().orElseThrow());
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private List<FieldProblem> problems(Draft draft, Row current) {
    List<FieldProblem> problems = new ArrayList<>();
    if (draft.fromAddress() == null || draft.fromAddress().isBlank()) {
      problems.add(new FieldProblem("fromAddress", "is required"));
    } else if (!ADDRESS.matcher(draft.fromAddress()).matches()) {
      problems.add(
          new FieldProblem("fromAddress", "'" + draft.fromAddress() + "' is not an email address"));
    }
    String name = draft.displayName();
    if (name != null
        && (name.length() > 200 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0)) {
      problems.add(new FieldProblem("displayName", "must be one line of at most 200 characters"));
    }
    if (draft.smtp() == null) {
      problems.add(new FieldProblem("smtp", "is required: host, port, security"));
    } else {
      problems.addAll(
          serverProblems(
              "smtp", draft.smtp(), current != null && current.smtpPassword() != null, false));
    }
    if (draft.imap() != null) {
      problems.addAll(
          serverProblems(
              "imap", draft.imap(), current != null && current.imapPassword() != null, true));
    }
    if (draft.pacing() != null) {
      problems.addAll(draft.pacing().problems("pacing"));
    }
    return problems;
  }

  private static List<FieldProblem> serverProblems(
      String at, MailServer server, boolean passwordStored, boolean loginRequired) {
    List<FieldProblem> problems = new ArrayList<>();
    if (server.host() == null || server.host().isBlank()) {
      problems.add(new FieldProblem(at + ".host", "is required"));
    } else if (!HOST.matcher(server.host()).matches()) {
      problems.add(
          new FieldProblem(at + ".host", "'" + server.host() + "' is not a host name or address"));
    }
    if (server.port() < 1 || server.port() > 65535) {
      problems.add(new FieldProblem(at + ".port", "must be a port number, 1 to 65535"));
    }
    if (server.security() == null) {
      problems.add(new FieldProblem(at + ".security", "is required: STARTTLS, SSL or NONE"));
    }
    if (server.username() != null && server.username().length() > 320) {
      problems.add(new FieldProblem(at + ".username", "must be at most 320 characters"));
    }
    boolean hasPassword = server.password() != null;
    if (hasPassword) {
      int length = server.password().reveal().length();
      if (length == 0 || length > 1024) {
        problems.add(
            new FieldProblem(
                at + ".password",
                "must be 1 to 1024 characters; leave it out to keep the stored one"));
      }
    }
    if (loginRequired && !server.logsIn()) {
      problems.add(new FieldProblem(at + ".username", "is required to read the mailbox"));
    }
    if (!server.logsIn() && hasPassword) {
      problems.add(new FieldProblem(at + ".username", "is required with a password"));
    }
    if (server.logsIn() && !hasPassword && !passwordStored) {
      problems.add(new FieldProblem(at + ".password", "is required with a username"));
    }
    return problems;
  }

  /** The sealed password to store: the new one sealed, the stored one kept, or none. */
  private String seal(MailServer server, String id, String field, String stored) {
    if (!server.logsIn()) {
      return null;
    }
    if (server.password() == null) {
      return stored;
    }
    if (!box.hasKey()) {
      throw new ConflictException(
          "Sequor has no secrets key (SEQUOR_SECRETS_KEY), so it cannot store the "
              + field
              + " password; configure one and restart",
          null);
    }
    return box.seal(server.password().reveal(), context(id, field));
  }

  /** Binds a sealed password to its mailbox and field: copied elsewhere, it does not open. */
  private static String context(String id, String field) {
    return "mailbox:" + id + ":" + field;
  }

  private Object[] values(
      String id,
      Draft draft,
      String smtpPassword,
      String imapPassword,
      List<Object> trailing,
      boolean leading) {
    MailServer smtp = draft.smtp();
    MailServer imap = draft.imap();
    List<Object> values = new ArrayList<>();
    if (leading) {
      values.add(id);
    }
    values.add(draft.fromAddress());
    values.add(blankToNull(draft.displayName()));
    values.add(smtp.host());
    values.add(smtp.port());
    values.add(smtp.logsIn() ? smtp.username() : null);
    values.add(smtpPassword);
    values.add(smtp.security().name());
    values.add(imap == null ? null : imap.host());
    values.add(imap == null ? null : imap.port());
    values.add(imap == null ? null : imap.username());
    values.add(imapPassword);
    values.add(imap == null ? null : imap.security().name());
    values.add(draft.pacing() == null ? null : json.writeValueAsString(draft.pacing()));
    values.addAll(trailing);
    return values.toArray();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static boolean same(MailServer a, MailServer b) {
    if (a == null || b == null) {
      return a == b;
    }
    try {
      return a.host().equals(b.host())
          && a.port() == b.port()
          && Objects.equals(a.logsIn() ? a.username() : null, b.logsIn() ? b.username() : null)
          && a.security() == b.security()
          && Objects.equals(
              a.password() == null ? null : a.password().reveal(),
              b.password() == null ? null : b.password().reveal());
    } catch (SecretException unreadable) {
      return false;
    }
  }

  private Map<String, Boolean> enabled(UUID workspaceId, List<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(workspaceId);
    return jdbc
        .sql(
            "SELECT id, enabled FROM mailboxes WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ") AND workspace_id = ?")
        .params(params)
        .query((rs, n) -> Map.entry(rs.getString("id"), rs.getBoolean("enabled")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Optional<Row> row(String id, boolean lock) {
    return jdbc.sql("SELECT * FROM mailboxes WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
        .param(id)
        .query(MailboxStore::row)
        .optional();
  }

  private Mailbox mailbox(Row row) {
    MailServer smtp =
        new MailServer(
            row.smtpHost(),
            row.smtpPort(),
            row.smtpUsername(),
            secret(row.smtpPassword(), row.id(), "smtp"),
            MailServer.Security.valueOf(row.smtpSecurity()));
    Optional<MailServer> imap =
        row.imapHost() == null
            ? Optional.empty()
            : Optional.of(
                new MailServer(
                    row.imapHost(),
                    row.imapPort(),
                    row.imapUsername(),
                    secret(row.imapPassword(), row.id(), "imap"),
                    MailServer.Security.valueOf(row.imapSecurity())));
    return new Mailbox(
        row.id(),
        row.fromAddress(),
        row.displayName(),
        smtp,
        imap,
        row.pacing() == null
            ? Optional.empty()
            : Optional.of(json.readValue(row.pacing(), MailboxPacing.class)),
        row.enabled(),
        row.version(),
        row.createdAt(),
        row.updatedAt());
  }

  private Secret secret(String sealed, String id, String field) {
    return sealed == null ? null : Secret.sealed(sealed, box, context(id, field));
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getString("from_address"),
        rs.getString("display_name"),
        rs.getString("smtp_host"),
        rs.getInt("smtp_port"),
        rs.getString("smtp_username"),
        rs.getString("smtp_password"),
        rs.getString("smtp_security"),
        rs.getString("imap_host"),
        rs.getObject("imap_port", Integer.class),
        rs.getString("imap_username"),
        rs.getString("imap_password"),
        rs.getString("imap_security"),
        rs.getString("pacing"),
        rs.getBoolean("enabled"),
        rs.getInt("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
