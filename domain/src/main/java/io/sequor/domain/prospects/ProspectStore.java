package io.sequor.domain.prospects;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.workspaces.Workspaces;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Prospects, upserted by email or LinkedIn profile URL, and the suppression list. */
@Service
public class ProspectStore {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern LINKEDIN =
      Pattern.compile(
          "(?:https?://)?(?:[a-z]{2,3}\\.)?linkedin\\.com/(in|pub)/([^/?#\\s]+)/?(?:[?#].*)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;

  ProspectStore(JdbcClient jdbc, JsonMapper json, SequorClock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Checks prospect data; {@code at} prefixes field names, for example {@code prospect}. */
  public List<FieldProblem> problems(String at, ProspectData data) {
    List<FieldProblem> problems = new ArrayList<>();
    if (data == null) {
      problems.add(new FieldProblem(at, "is required"));
      return problems;
    }
    if (blank(data.email()) && blank(data.linkedinUrl())) {
      problems.add(new FieldProblem(at, "needs an email or a linkedinUrl"));
    }
    if (!blank(data.email()) && !EMAIL.matcher(data.email().strip()).matches()) {
      problems.add(
          new FieldProblem(at + ".email", "'" + data.email() + "' is not an email address"));
    }
    if (!blank(data.linkedinUrl()) && normaliseLinkedIn(data.linkedinUrl()).isEmpty()) {
      problems.add(
          new FieldProblem(
              at + ".linkedinUrl", "must be a LinkedIn profile URL like linkedin.com/in/jane-doe"));
    }
    if (!blank(data.timezone())) {
      try {
        ZoneId.of(data.timezone());
      } catch (DateTimeException e) {
        problems.add(
            new FieldProblem(
                at + ".timezone",
                "'"
                    + data.timezone()
                    + "' is not a known time zone (use an IANA id like Europe/Paris)"));
      }
    }
    if (data.fields() != null) {
      data.fields()
          .forEach(
              (k, v) -> {
                if (!FIELD.matcher(k).matches()) {
                  problems.add(
                      new FieldProblem(
                          at + ".fields." + k, "field names must be lower_snake_case"));
                }
              });
    }
    return problems;
  }

  /** Creates the prospect or updates the one with the same email or LinkedIn URL. */
  @Transactional
  public Prospect upsert(ProspectData data) {
    return upsert(Workspaces.DEFAULT, data);
  }

  /**
   * Creates the prospect in the workspace or updates the workspace's one with the same email or
   * LinkedIn URL; other workspaces' prospects are never matched.
   */
  @Transactional
  public Prospect upsert(UUID workspaceId, ProspectData data) {
    List<FieldProblem> problems = problems("prospect", data);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String email = blank(data.email()) ? null : data.email().strip();
    String linkedin =
        blank(data.linkedinUrl()) ? null : normaliseLinkedIn(data.linkedinUrl()).get();
    Optional<Prospect> existing = find(workspaceId, email, linkedin);
    Timestamp now = Timestamp.from(clock.now());
    if (existing.isEmpty()) {
      UUID id = UUID.randomUUID();
      int inserted =
          jdbc.sql(
                  "INSERT INTO prospects (id, email, linkedin_url, first_name, last_name, company,"
                      + " title, timezone, open_profile, fields, created_at, updated_at,"
                      + " workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")
              .params(
                  id,
                  email,
                  linkedin,
                  data.firstName(),
                  data.lastName(),
                  data.company(),
                  data.title(),
                  data.timezone(),
                  Boolean.TRUE.equals(data.openProfile()),
                  json.writeValueAsString(data.fields() == null ? Map.of() : data.fields()),
                  now,
                  now,
                  workspaceId)
              .update();
      if (inserted == 1) {
        return get(id);
      }
      // A concurrent request created the same prospect first: update that one.
      existing = find(workspaceId, email, linkedin);
    }
    Prospect old = existing.orElseThrow();
    Map<String, String> fields = new LinkedHashMap<>(old.fields());
    if (data.fields() != null) {
      fields.putAll(data.fields());
    }
    String newEmail = email != null ? email : old.email();
    // What was learnt about the old address (a bounce, a verification) says nothing of a new one.
    boolean emailChanged = old.email() != null && !old.email().equalsIgnoreCase(newEmail);
    jdbc.sql(
            "UPDATE prospects SET email = ?, linkedin_url = ?, first_name = ?, last_name = ?,"
                + " company = ?, title = ?, timezone = ?, open_profile = ?, fields = ?::jsonb,"
                + " updated_at = ?,"
                + " email_undeliverable = email_undeliverable AND NOT ?,"
                + " email_verdict = CASE WHEN ? THEN NULL ELSE email_verdict END,"
                + " email_verdict_reasons = CASE WHEN ? THEN NULL ELSE email_verdict_reasons END,"
                + " email_verified_at = CASE WHEN ? THEN NULL ELSE email_verified_at END"
                + " WHERE id = ?")
        .params(
            newEmail,
            linkedin != null ? linkedin : old.linkedinUrl(),
            or(data.firstName(), old.firstName()),
            or(data.lastName(), old.lastName()),
            or(data.company(), old.company()),
            or(data.title(), old.title()),
            or(data.timezone(), old.timezone()),
            data.openProfile() != null ? data.openProfile() : old.openProfile(),
            json.writeValueAsString(fields),
            now,
            emailChanged,
            emailChanged,
            emailChanged,
            emailChanged,
            old.id())
        .update();
    return get(old.id());
  }

  public Prospect get(UUID id) {
    return jdbc.sql("SELECT * FROM prospects WHERE id = ?")
        .param(id)
        .query(this::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("prospect", id));
  }

  /** The workspace's prospect with this email, else with this LinkedIn URL. */
  public Optional<Prospect> find(UUID workspaceId, String email, String linkedinUrl) {
    if (email != null) {
      Optional<Prospect> byEmail =
          jdbc.sql("SELECT * FROM prospects WHERE workspace_id = ? AND lower(email) = lower(?)")
              .params(workspaceId, email)
              .query(this::map)
              .optional();
      if (byEmail.isPresent()) {
        return byEmail;
      }
    }
    if (linkedinUrl != null) {
      return jdbc.sql("SELECT * FROM prospects WHERE workspace_id = ? AND linkedin_url = ?")
          .params(workspaceId, linkedinUrl)
          .query(this::map)
          .optional();
    }
    return Optional.empty();
  }

  public void markEmailUndeliverable(UUID id) {
    jdbc.sql("UPDATE prospects SET email_undeliverable = true, updated_at = ? WHERE id = ?")
        .params(Timestamp.from(clock.now()), id)
        .update();
  }

  /** Whether anything of the prospect's is suppressed: address, its domain, or profile. */
  public boolean isSuppressed(Prospect prospect) {
    return emailSuppressed(prospect) || linkedInSuppressed(prospect);
  }

  /** Whether email may not go to the prospect's address: it, or its domain, is suppressed. */
  public boolean emailSuppressed(Prospect prospect) {
    if (prospect.email() == null) {
      return false;
    }
    return jdbc.sql(
                "SELECT count(*) FROM suppressions WHERE (email IS NOT NULL AND lower(email) = lower(?))"
                    + " OR (domain IS NOT NULL AND lower(domain) = lower(?))")
            .params(prospect.email(), domainOf(prospect.email()))
            .query(Long.class)
            .single()
        > 0;
  }

  /** Whether LinkedIn may not reach the prospect's profile. */
  public boolean linkedInSuppressed(Prospect prospect) {
    if (prospect.linkedinUrl() == null) {
      return false;
    }
    return jdbc.sql("SELECT count(*) FROM suppressions WHERE linkedin_url = ?")
            .param(prospect.linkedinUrl())
            .query(Long.class)
            .single()
        > 0;
  }

  /** Suppresses every address of an email domain for good. Repeating it is harmless. */
  public void suppressDomain(String domain, String reason) {
    jdbc.sql(
            "INSERT INTO suppressions (domain, reason, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(domain.toLowerCase(Locale.ROOT), reason, Timestamp.from(clock.now()))
        .update();
  }

  /** The part of an address after its last {@code @}. */
  public static String domainOf(String email) {
    return email.substring(email.lastIndexOf('@') + 1);
  }

  /** Suppresses the prospect's email and LinkedIn profile for good. Repeating it is harmless. */
  public void suppress(Prospect prospect, String reason) {
    Timestamp now = Timestamp.from(clock.now());
    if (prospect.email() != null) {
      jdbc.sql(
              "INSERT INTO suppressions (email, reason, created_at) VALUES (?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")
          .params(prospect.email(), reason, now)
          .update();
    }
    if (prospect.linkedinUrl() != null) {
      jdbc.sql(
              "INSERT INTO suppressions (linkedin_url, reason, created_at) VALUES (?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")
          .params(prospect.linkedinUrl(), reason, now)
          .update();
    }
  }

  /** {@code https://www.linkedin.com/in/<slug>}, lowercased, without query or trailing slash. */
  public static Optional<String> normaliseLinkedIn(String url) {
    Matcher m = LINKEDIN.matcher(url.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "https://www.linkedin.com/"
            + m.group(1).toLowerCase(Locale.ROOT)
            + "/"
            + m.group(2).toLowerCase(Locale.ROOT));
  }

  private Prospect map(ResultSet rs, int row) throws SQLException {
    return new Prospect(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("linkedin_url"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("company"),
        rs.getString("title"),
        rs.getString("timezone"),
        rs.getBoolean("open_profile"),
        rs.getBoolean("email_undeliverable"),
        json.readValue(rs.getString("fields"), MAP));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
