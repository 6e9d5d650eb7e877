package io.sequor.domain.prospects;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import io.sequor.domain.schedule.Countries;
import io.sequor.domain.workspaces.Workspaces;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
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
  private static final int MAX_SEGMENT = 100;
  private static final int MAX_CHECKLIST_ENTRY = 1000;

  /** Every read joins the prospect's segment, whose checklist fills the prospect's gaps. */
  static final String SELECT =
      "SELECT p.*, s.checklist AS segment_checklist FROM prospects p"
          + " LEFT JOIN segments s ON s.workspace_id = p.workspace_id AND s.name = p.segment";

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SequorClock clock;

  ProspectStore(JdbcClient jdbc, JsonMapper json, SequorClock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Checks prospect data; {@code at} prefixes field names, for example {@code prospect}, or is
   * empty when the prospect is the whole request.
   */
  public List<FieldProblem> problems(String at, ProspectData data) {
    List<FieldProblem> problems = new ArrayList<>();
    if (data == null) {
      problems.add(new FieldProblem(at.isEmpty() ? "body" : at, "is required"));
      return problems;
    }
    if (blank(data.email()) && blank(data.linkedinUrl())) {
      problems.add(
          new FieldProblem(at.isEmpty() ? "email" : at, "needs an email or a linkedinUrl"));
    }
    if (!blank(data.email()) && !EMAIL.matcher(data.email().strip()).matches()) {
      problems.add(
          new FieldProblem(field(at, "email"), "'" + data.email() + "' is not an email address"));
    }
    if (!blank(data.linkedinUrl()) && normaliseLinkedIn(data.linkedinUrl()).isEmpty()) {
      problems.add(
          new FieldProblem(
              field(at, "linkedinUrl"),
              "must be a LinkedIn profile URL like linkedin.com/in/jane-doe"));
    }
    if (data.segment() != null) {
      segmentProblem(data.segment())
          .ifPresent(p -> problems.add(new FieldProblem(field(at, "segment"), p)));
    }
    problems.addAll(checklistProblems(field(at, "checklist"), data.checklist()));
    if (!blank(data.timezone())) {
      try {
        ZoneId.of(data.timezone());
      } catch (DateTimeException e) {
        problems.add(
            new FieldProblem(
                field(at, "timezone"),
                "'"
                    + data.timezone()
                    + "' is not a known time zone (use an IANA id like Europe/Paris)"));
      }
    }
    if (data.country() != null && !Countries.known(data.country())) {
      problems.add(
          new FieldProblem(
              at + ".country",
              "'" + data.country() + "' is not an ISO 3166-1 alpha-2 country code like US or FR"));
    }
    if (data.fields() != null) {
      data.fields()
          .forEach(
              (k, v) -> {
                if (!FIELD.matcher(k).matches()) {
                  problems.add(
                      new FieldProblem(
                          field(at, "fields." + k), "field names must be lower_snake_case"));
                }
              });
    }
    return problems;
  }

  /** A segment name's problem, if it has one; a blank name means "no segment". */
  public static Optional<String> segmentProblem(String segment) {
    if (segment.strip().length() > MAX_SEGMENT) {
      return Optional.of("must be at most " + MAX_SEGMENT + " characters");
    }
    if (segment.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("must not contain line breaks or control characters");
    }
    return Optional.empty();
  }

  /** Checklist entries over the length limit. */
  public static List<FieldProblem> checklistProblems(String at, Checklist checklist) {
    List<FieldProblem> problems = new ArrayList<>();
    if (checklist == null) {
      return problems;
    }
    String[][] entries = {
      {"icpMatch", checklist.icpMatch()},
      {"trigger", checklist.trigger()},
      {"hookAngle", checklist.hookAngle()},
      {"offer", checklist.offer()},
      {"cta", checklist.cta()}
    };
    for (String[] entry : entries) {
      if (entry[1] != null && entry[1].length() > MAX_CHECKLIST_ENTRY) {
        problems.add(
            new FieldProblem(
                at + "." + entry[0], "must be at most " + MAX_CHECKLIST_ENTRY + " characters"));
      }
    }
    return problems;
  }

  /** A prospect after an upsert, and whether the upsert created it. */
  public record Upserted(Prospect prospect, boolean created) {}

  /** Creates the prospect in the default workspace or updates the one it matches. */
  public Prospect upsert(ProspectData data) {
    return upsert(Workspaces.DEFAULT, "prospect", data).prospect();
  }

  /**
   * Creates the prospect in the workspace or updates the workspace's one with the same email or
   * LinkedIn URL; other workspaces' prospects are never matched.
   */
  @Transactional
  public Prospect upsert(UUID workspaceId, ProspectData data) {
    return upsert(workspaceId, "prospect", data).prospect();
  }

  /**
   * Creates the prospect or updates the one with the same email (compared lower-cased) or LinkedIn
   * URL (normalised) in the workspace. An update keeps what {@code data} does not give; custom
   * fields and checklist entries are merged key by key.
   *
   * @param at prefixes field names in errors; empty when the prospect is the whole request
   * @throws InvalidInputException when the data is invalid
   * @throws ConflictException when the email matches one prospect and the LinkedIn URL another
   */
  @Transactional
  public Upserted upsert(UUID workspaceId, String at, ProspectData data) {
    List<FieldProblem> problems = problems(at, data);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String email = blank(data.email()) ? null : data.email().strip();
    String linkedin =
        blank(data.linkedinUrl()) ? null : normaliseLinkedIn(data.linkedinUrl()).get();
    Optional<Prospect> existing = match(workspaceId, at, email, linkedin);
    if (existing.isEmpty()) {
      Optional<UUID> id = insert(workspaceId, email, linkedin, data);
      if (id.isPresent()) {
        return new Upserted(get(id.get()), true);
      }
      // A concurrent request created the same prospect first: update that one.
      existing = match(workspaceId, at, email, linkedin);
    }
    Prospect old = existing.orElseThrow();
    update(old, email, linkedin, data);
    return new Upserted(get(old.id()), false);
  }

  /**
   * The prospect the email or the LinkedIn URL (both already normalised) names in the workspace.
   *
   * @throws ConflictException when they name two different prospects
   */
  public Optional<Prospect> match(UUID workspaceId, String at, String email, String linkedinUrl) {
    if (email == null && linkedinUrl == null) {
      return Optional.empty();
    }
    // One look-up for both: an import makes it for every row.
    List<Prospect> found =
        jdbc.sql(
                SELECT
                    + " WHERE p.workspace_id = ? AND (lower(p.email) = lower(?::text)"
                    + " OR p.linkedin_url = ?::text)")
            .params(workspaceId, email, linkedinUrl)
            .query(this::map)
            .list();
    Optional<Prospect> byEmail =
        found.stream()
            .filter(p -> email != null && p.email() != null && p.email().equalsIgnoreCase(email))
            .findFirst();
    Optional<Prospect> byLinkedIn =
        found.stream()
            .filter(p -> linkedinUrl != null && linkedinUrl.equals(p.linkedinUrl()))
            .findFirst();
    if (byEmail.isPresent()
        && byLinkedIn.isPresent()
        && !byEmail.get().id().equals(byLinkedIn.get().id())) {
      UUID a = byEmail.get().id();
      UUID b = byLinkedIn.get().id();
      throw new ConflictException(
          "the email belongs to prospect "
              + a
              + " and the LinkedIn URL to prospect "
              + b
              + "; nothing was written",
          a.toString(),
          List.of(
              new FieldProblem(field(at, "email"), "belongs to prospect " + a),
              new FieldProblem(field(at, "linkedinUrl"), "belongs to another prospect, " + b)));
    }
    return byEmail.isPresent() ? byEmail : byLinkedIn;
  }

  /**
   * Inserts a new prospect from valid data whose email and LinkedIn URL are normalised; empty when
   * one with the same email or URL exists (a concurrent writer won).
   */
  Optional<UUID> insert(UUID workspaceId, String email, String linkedin, ProspectData data) {
    Timestamp now = Timestamp.from(clock.now());
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                "INSERT INTO prospects (id, workspace_id, email, linkedin_url, first_name,"
                    + " last_name, company, title, timezone, open_profile, fields, segment,"
                    + " checklist, created_at, updated_at, country)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(
                id,
                workspaceId,
                email,
                linkedin,
                data.firstName(),
                data.lastName(),
                data.company(),
                data.title(),
                data.timezone(),
                Boolean.TRUE.equals(data.openProfile()),
                json.writeValueAsString(data.fields() == null ? Map.of() : data.fields()),
                blank(data.segment()) ? null : data.segment().strip(),
                json.writeValueAsString(
                    data.checklist() == null ? Checklist.EMPTY : data.checklist().normalised()),
                now,
                now,
                Countries.normalise(data.country()))
            .update();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  /** Updates {@code old} with what valid, normalised {@code data} gives; keeps the rest. */
  void update(Prospect old, String email, String linkedin, ProspectData data) {
    Timestamp now = Timestamp.from(clock.now());
    Map<String, String> fields = new LinkedHashMap<>(old.fields());
    if (data.fields() != null) {
      fields.putAll(data.fields());
    }
    String newEmail = email != null ? email : old.email();
    // What was learnt about the old address (a bounce, a verification) says nothing of a new one.
    boolean emailChanged = old.email() != null && !old.email().equalsIgnoreCase(newEmail);
    String segment =
        data.segment() == null
            ? old.segment()
            : blank(data.segment()) ? null : data.segment().strip();
    jdbc.sql(
            "UPDATE prospects SET email = ?, linkedin_url = ?, first_name = ?, last_name = ?,"
                + " company = ?, title = ?, timezone = ?, open_profile = ?, fields = ?::jsonb,"
                + " segment = ?, checklist = ?::jsonb, updated_at = ?, country = ?,"
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
            segment,
            json.writeValueAsString(mergeChecklist(old.checklist(), data.checklist())),
            now,
            or(Countries.normalise(data.country()), old.country()),
            emailChanged,
            emailChanged,
            emailChanged,
            emailChanged,
            old.id())
        .update();
  }

  /** Entries given replace the old ones (blank clears one); entries not given are kept. */
  private static Checklist mergeChecklist(Checklist old, Checklist given) {
    if (given == null) {
      return old;
    }
    return new Checklist(
            given.icpMatch() != null ? given.icpMatch() : old.icpMatch(),
            given.trigger() != null ? given.trigger() : old.trigger(),
            given.hookAngle() != null ? given.hookAngle() : old.hookAngle(),
            given.offer() != null ? given.offer() : old.offer(),
            given.cta() != null ? given.cta() : old.cta())
        .normalised();
  }

  /**
   * The prospect the data describes, checked and normalised as {@link #upsert} would, but not
   * stored: for a dry run. Its id is null; its segment's checklist is the workspace's.
   */
  public Prospect unsaved(UUID workspaceId, ProspectData data) {
    List<FieldProblem> problems = problems("prospect", data);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String segment = blank(data.segment()) ? null : data.segment().strip();
    return new Prospect(
        null,
        blank(data.email()) ? null : data.email().strip(),
        blank(data.linkedinUrl()) ? null : normaliseLinkedIn(data.linkedinUrl()).get(),
        data.firstName(),
        data.lastName(),
        data.company(),
        data.title(),
        data.timezone(),
        Boolean.TRUE.equals(data.openProfile()),
        false,
        data.fields() == null ? Map.of() : Map.copyOf(data.fields()),
        segment,
        data.checklist() == null ? Checklist.EMPTY : data.checklist().normalised(),
        segment == null
            ? Checklist.EMPTY
            : jdbc.sql("SELECT checklist FROM segments WHERE workspace_id = ? AND name = ?")
                .params(workspaceId, segment)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, Checklist.class))
                .orElse(Checklist.EMPTY),
        Countries.normalise(data.country()));
  }

  public Prospect get(UUID id) {
    return jdbc.sql(SELECT + " WHERE p.id = ?")
        .param(id)
        .query(this::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("prospect", id));
  }

  /** A prospect of the workspace; one of another workspace is not found, like an unknown id. */
  public Prospect get(UUID workspaceId, UUID id) {
    return jdbc.sql(SELECT + " WHERE p.id = ? AND p.workspace_id = ?")
        .params(id, workspaceId)
        .query(this::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("prospect", id));
  }

  /** The workspace's prospect with this email, else with this LinkedIn URL. */
  public Optional<Prospect> find(UUID workspaceId, String email, String linkedinUrl) {
    if (email != null) {
      Optional<Prospect> byEmail =
          jdbc.sql(SELECT + " WHERE p.workspace_id = ? AND lower(p.email) = lower(?)")
              .params(workspaceId, email)
              .query(this::map)
              .optional();
      if (byEmail.isPresent()) {
        return byEmail;
      }
    }
    if (linkedinUrl != null) {
      return jdbc.sql(SELECT + " WHERE p.workspace_id = ? AND p.linkedin_url = ?")
          .params(workspaceId, linkedinUrl)
          .query(this::map)
          .optional();
    }
    return Optional.empty();
  }

  /** What a listing keeps: every filter given must hold. */
  public record Filter(String email, String company, String segment, Instant updatedSince) {}

  /** Where a listing page starts: after this prospect in creation order. */
  public record Position(Instant createdAt, UUID id) {}

  /** One page of a listing, and where the next starts (null at the end). */
  public record Page(List<Prospect> items, Position next) {}

  /** The workspace's prospects in creation order, {@code limit} at a time. */
  public Page list(UUID workspaceId, Filter filter, Position after, int limit) {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE p.workspace_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(workspaceId);
    if (filter.email() != null) {
      sql.append(" AND lower(p.email) = lower(?)");
      params.add(filter.email().strip());
    }
    if (filter.company() != null) {
      sql.append(" AND lower(p.company) = lower(?)");
      params.add(filter.company().strip());
    }
    if (filter.segment() != null) {
      sql.append(" AND p.segment = ?");
      params.add(filter.segment().strip());
    }
    if (filter.updatedSince() != null) {
      sql.append(" AND p.updated_at >= ?");
      params.add(Timestamp.from(filter.updatedSince()));
    }
    if (after != null) {
      sql.append(" AND (p.created_at, p.id) > (?, ?)");
      params.add(Timestamp.from(after.createdAt()));
      params.add(after.id());
    }
    sql.append(" ORDER BY p.created_at, p.id LIMIT ?");
    params.add(limit + 1);
    List<Position> positions = new ArrayList<>();
    List<Prospect> items =
        jdbc.sql(sql.toString())
            .params(params)
            .query(
                (rs, row) -> {
                  positions.add(
                      new Position(
                          rs.getTimestamp("created_at").toInstant(),
                          rs.getObject("id", UUID.class)));
                  return map(rs, row);
                })
            .list();
    if (items.size() <= limit) {
      return new Page(items, null);
    }
    return new Page(items.subList(0, limit), positions.get(limit - 1));
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

  Prospect map(ResultSet rs, int row) throws SQLException {
    String segmentChecklist = rs.getString("segment_checklist");
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
        json.readValue(rs.getString("fields"), MAP),
        rs.getString("segment"),
        json.readValue(rs.getString("checklist"), Checklist.class),
        segmentChecklist == null
            ? Checklist.EMPTY
            : json.readValue(segmentChecklist, Checklist.class),
        rs.getString("country"));
  }

  private static String field(String at, String name) {
    return at.isEmpty() ? name : at + "." + name;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String or(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
