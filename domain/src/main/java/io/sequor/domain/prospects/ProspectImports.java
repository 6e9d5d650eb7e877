package io.sequor.domain.prospects;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.errors.ConflictException;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.errors.NotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV imports of prospects. The file is read as a stream with Apache Commons CSV and upserted in
 * batches, each batch one transaction that also records its rows' results and moves the import's
 * counts; only one batch of rows is held in memory at a time, whatever the file's size.
 */
@Service
public class ProspectImports {

  private static final Logger log = LoggerFactory.getLogger(ProspectImports.class);
  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
  private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate tx;
  private final ProspectStore prospects;
  private final JsonMapper json;
  private final SequorClock clock;
  private final int batchSize;

  ProspectImports(
      JdbcClient jdbc,
      JdbcTemplate batch,
      TransactionTemplate tx,
      ProspectStore prospects,
      JsonMapper json,
      SequorClock clock,
      SequorProperties properties) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.tx = tx;
    this.prospects = prospects;
    this.json = json;
    this.clock = clock;
    this.batchSize = properties.prospects().importBatchSize();
  }

  /**
   * Imports a CSV file into the workspace, reading it as it arrives.
   *
   * @param mapping explicit column targets, by column name
   * @param segment the segment of every row whose own segment column is blank; may be null
   * @throws InvalidInputException before anything is written: no header, a header that cannot be
   *     mapped, a mapping to an unknown field or column, an invalid segment
   */
  public ProspectImport run(
      UUID workspaceId, InputStream body, Map<String, String> mapping, String segment) {
    List<FieldProblem> problems = new ArrayList<>();
    String importSegment = segment == null || segment.isBlank() ? null : segment.strip();
    if (importSegment != null) {
      ProspectStore.segmentProblem(importSegment)
          .ifPresent(p -> problems.add(new FieldProblem("segment", p)));
    }
    CSVParser parser;
    Iterator<CSVRecord> records;
    List<String> header;
    try {
      parser = CSV.parse(reader(body));
      records = parser.iterator();
      if (!records.hasNext()) {
        throw new InvalidInputException(
            "body", "is empty; a CSV import starts with a header row naming its columns");
      }
      header = new ArrayList<>(records.next().toList());
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new InvalidInputException("body", "is not valid CSV: " + csvError(e));
    }
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    ImportColumns columns = ImportColumns.of(header, mapping, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }

    UUID id = UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO prospect_imports (id, workspace_id, status, segment, columns, created_at)"
                + " VALUES (?, ?, 'RUNNING', ?, ?::jsonb, ?)")
        .params(
            id,
            workspaceId,
            importSegment,
            json.writeValueAsString(columns.describe()),
            Timestamp.from(clock.now()))
        .update();
    Context context = new Context(id, workspaceId, columns, importSegment);
    List<Line> lines = new ArrayList<>(batchSize);
    int lastRow = 1;
    try {
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          if (!lines.isEmpty()) {
            importBatch(context, lines);
          }
          return finish(
              id,
              ProspectImport.Status.FAILED,
              "the file could not be read after row "
                  + lastRow
                  + " ("
                  + csvError(e)
                  + "); the rows before it are imported, the rest were not read");
        }
        lastRow = (int) record.getRecordNumber();
        lines.add(new Line(lastRow, record.toList()));
        if (lines.size() == batchSize) {
          importBatch(context, lines);
          lines.clear();
        }
      }
      if (!lines.isEmpty()) {
        importBatch(context, lines);
      }
    } catch (RuntimeException e) {
      finish(id, ProspectImport.Status.FAILED, "the import stopped on an internal error");
      throw e;
    }
    return finish(id, ProspectImport.Status.COMPLETED, null);
  }

  /** An import of the workspace; one of another workspace is not found, like an unknown id. */
  public ProspectImport get(UUID workspaceId, UUID id) {
    return jdbc.sql("SELECT * FROM prospect_imports WHERE id = ? AND workspace_id = ?")
        .params(id, workspaceId)
        .query(this::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("prospect import", id));
  }

  /**
   * Row results in file order, after row {@code afterRow}, {@code limit} of them at most.
   *
   * @param outcome only rows with this outcome; all when null
   */
  public List<ProspectImport.Row> rows(
      UUID workspaceId, UUID id, ProspectImport.Outcome outcome, int afterRow, int limit) {
    get(workspaceId, id);
    StringBuilder sql =
        new StringBuilder(
            "SELECT * FROM prospect_import_rows WHERE import_id = ? AND row_number > ?");
    List<Object> params = new ArrayList<>(List.of(id, afterRow));
    if (outcome != null) {
      sql.append(" AND outcome = ?");
      params.add(outcome.name());
    }
    sql.append(" ORDER BY row_number LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, n) ->
                new ProspectImport.Row(
                    rs.getInt("row_number"),
                    ProspectImport.Outcome.valueOf(rs.getString("outcome")),
                    rs.getObject("prospect_id", UUID.class),
                    rs.getString("reason")))
        .list();
  }

  // ---- one batch -----------------------------------------------------------------------------

  private record Context(UUID id, UUID workspaceId, ImportColumns columns, String segment) {}

  /** A data row as read: its place in the file and its values. */
  private record Line(int row, List<String> values) {}

  /** A row that passed its checks and is about to be written. */
  private static final class Pending {
    final Line line;
    final ProspectData data;
    final String email;
    final String linkedin;
    final Prospect existing;

    Pending(Line line, ProspectData data, String email, String linkedin, Prospect existing) {
      this.line = line;
      this.data = data;
      this.email = email;
      this.linkedin = linkedin;
      this.existing = existing;
    }
  }

  private void importBatch(Context context, List<Line> lines) {
    tx.executeWithoutResult(status -> writeBatch(context, lines));
  }

  private void writeBatch(Context context, List<Line> lines) {
    Map<Integer, ProspectImport.Row> results = new HashMap<>();
    List<Pending> pending = new ArrayList<>();
    // Rows of this batch by what names their prospect: a later row naming the same one is a
    // duplicate. Earlier batches are asked of the store, so memory stays one batch deep.
    Map<String, Integer> rowOfKey = new HashMap<>();
    Map<UUID, Integer> rowOfProspect = new HashMap<>();
    for (Line line : lines) {
      Optional<String> refusal = Optional.empty();
      ProspectData data = null;
      if (line.values().stream().allMatch(String::isBlank)) {
        refusal = Optional.of("empty row");
      } else if (line.values().size() != context.columns().size()) {
        refusal =
            Optional.of(
                "has "
                    + line.values().size()
                    + " values; the header has "
                    + context.columns().size()
                    + " columns");
      } else {
        List<String> problems = new ArrayList<>();
        data = data(context, line, problems);
        if (blank(data.email()) && blank(data.linkedinUrl())) {
          problems.add("no email and no linkedinUrl: a row needs one to name its prospect");
        } else {
          prospects.problems("", data).stream()
              .map(p -> p.field() + ": " + p.reason())
              .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
          refusal = Optional.of(String.join("; ", problems));
        }
      }
      if (refusal.isPresent()) {
        results.put(line.row(), skipped(line, refusal.get()));
        continue;
      }
      String email = blank(data.email()) ? null : data.email().strip();
      String linkedin =
          blank(data.linkedinUrl())
              ? null
              : ProspectStore.normaliseLinkedIn(data.linkedinUrl()).orElseThrow();
      List<String> keys = new ArrayList<>();
      if (email != null) {
        keys.add("email:" + email.toLowerCase(Locale.ROOT));
      }
      if (linkedin != null) {
        keys.add("linkedin:" + linkedin);
      }
      Optional<Integer> earlier =
          keys.stream().map(rowOfKey::get).filter(r -> r != null).findFirst();
      if (earlier.isPresent()) {
        results.put(line.row(), duplicate(line, earlier.get()));
        continue;
      }
      Optional<Prospect> existing;
      try {
        existing = prospects.match(context.workspaceId(), "", email, linkedin);
      } catch (ConflictException e) {
        results.put(
            line.row(),
            skipped(
                line,
                e.problems().stream()
                    .map(p -> p.field() + " " + p.reason())
                    .collect(Collectors.joining(" but "))));
        continue;
      }
      if (existing.isPresent() && rowOfProspect.containsKey(existing.get().id())) {
        results.put(line.row(), duplicate(line, rowOfProspect.get(existing.get().id())));
        continue;
      }
      keys.forEach(k -> rowOfKey.put(k, line.row()));
      existing.ifPresent(p -> rowOfProspect.put(p.id(), line.row()));
      pending.add(new Pending(line, data, email, linkedin, existing.orElse(null)));
    }

    Map<UUID, Integer> earlierBatches = earlierRows(context.id(), rowOfProspect.keySet());
    for (Pending p : pending) {
      if (p.existing != null && earlierBatches.containsKey(p.existing.id())) {
        results.put(p.line.row(), duplicate(p.line, earlierBatches.get(p.existing.id())));
        continue;
      }
      Prospect target = p.existing;
      if (target == null) {
        Optional<UUID> created =
            prospects.insert(context.workspaceId(), p.email, p.linkedin, p.data);
        if (created.isPresent()) {
          results.put(
              p.line.row(),
              new ProspectImport.Row(
                  p.line.row(), ProspectImport.Outcome.CREATED, created.get(), null));
          continue;
        }
        // Another writer created the prospect since the look-up: update that one.
        target = prospects.match(context.workspaceId(), "", p.email, p.linkedin).orElseThrow();
      }
      prospects.update(target, p.email, p.linkedin, p.data);
      results.put(
          p.line.row(),
          new ProspectImport.Row(p.line.row(), ProspectImport.Outcome.UPDATED, target.id(), null));
    }

    List<Object[]> rows = new ArrayList<>(lines.size());
    int[] counts = new int[ProspectImport.Outcome.values().length];
    for (Line line : lines) {
      ProspectImport.Row r = results.get(line.row());
      counts[r.outcome().ordinal()]++;
      rows.add(
          new Object[] {context.id(), r.row(), r.outcome().name(), r.prospectId(), r.reason()});
    }
    batch.batchUpdate(
        "INSERT INTO prospect_import_rows (import_id, row_number, outcome, prospect_id, reason)"
            + " VALUES (?, ?, ?, ?, ?)",
        rows);
    jdbc.sql(
            "UPDATE prospect_imports SET rows_read = rows_read + ?, created = created + ?,"
                + " updated = updated + ?, skipped = skipped + ? WHERE id = ?")
        .params(
            lines.size(),
            counts[ProspectImport.Outcome.CREATED.ordinal()],
            counts[ProspectImport.Outcome.UPDATED.ordinal()],
            counts[ProspectImport.Outcome.SKIPPED.ordinal()],
            context.id())
        .update();
  }

  /** The row of this import that already wrote each of these prospects, where one did. */
  private Map<UUID, Integer> earlierRows(UUID importId, Set<UUID> prospectIds) {
    if (prospectIds.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Integer> rows = new HashMap<>();
    jdbc.sql(
            "SELECT prospect_id, min(row_number) AS row_number FROM prospect_import_rows"
                + " WHERE import_id = ? AND prospect_id = ANY(?) GROUP BY prospect_id")
        .params(importId, prospectIds.toArray(UUID[]::new))
        .query(
            rs -> {
              rows.put(rs.getObject("prospect_id", UUID.class), rs.getInt("row_number"));
            });
    return rows;
  }

  /** A row's values as prospect data; values that cannot be read go to {@code problems}. */
  private static ProspectData data(Context context, Line line, List<String> problems) {
    Map<String, String> standard = new HashMap<>();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < context.columns().size(); i++) {
      String target = context.columns().target(i);
      String value = line.values().get(i).strip();
      if (target.equals(ImportColumns.IGNORE) || value.isEmpty()) {
        continue;
      }
      if (target.startsWith("fields.")) {
        fields.put(target.substring("fields.".length()), value);
      } else {
        standard.put(target, value);
      }
    }
    Boolean openProfile = null;
    String open = standard.get("openProfile");
    if (open != null) {
      openProfile =
          switch (open.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> {
              problems.add("openProfile: '" + open + "' is not true or false");
              yield null;
            }
          };
    }
    String segment = standard.getOrDefault("segment", context.segment());
    Checklist checklist =
        new Checklist(
            standard.get("checklist.icpMatch"),
            standard.get("checklist.trigger"),
            standard.get("checklist.hookAngle"),
            standard.get("checklist.offer"),
            standard.get("checklist.cta"));
    return new ProspectData(
        standard.get("email"),
        standard.get("linkedinUrl"),
        standard.get("firstName"),
        standard.get("lastName"),
        standard.get("company"),
        standard.get("title"),
        standard.get("timezone"),
        openProfile,
        fields.isEmpty() ? null : fields,
        segment,
        checklist,
        standard.get("country"));
  }

  private static ProspectImport.Row skipped(Line line, String reason) {
    return new ProspectImport.Row(line.row(), ProspectImport.Outcome.SKIPPED, null, reason);
  }

  private static ProspectImport.Row duplicate(Line line, int earlierRow) {
    return skipped(line, "duplicate of row " + earlierRow + ": the same prospect");
  }

  private ProspectImport finish(UUID id, ProspectImport.Status status, String error) {
    jdbc.sql("UPDATE prospect_imports SET status = ?, error = ?, finished_at = ? WHERE id = ?")
        .params(status.name(), error, Timestamp.from(clock.now()), id)
        .update();
    if (status == ProspectImport.Status.FAILED) {
      log.warn("prospect import {} stopped early", id);
    }
    return jdbc.sql("SELECT * FROM prospect_imports WHERE id = ?")
        .param(id)
        .query(this::map)
        .single();
  }

  private ProspectImport map(ResultSet rs, int row) throws SQLException {
    Timestamp finished = rs.getTimestamp("finished_at");
    return new ProspectImport(
        rs.getObject("id", UUID.class),
        ProspectImport.Status.valueOf(rs.getString("status")),
        rs.getString("segment"),
        json.readValue(rs.getString("columns"), MAP),
        rs.getInt("rows_read"),
        rs.getInt("created"),
        rs.getInt("updated"),
        rs.getInt("skipped"),
        rs.getString("error"),
        rs.getTimestamp("created_at").toInstant(),
        finished == null ? null : finished.toInstant());
  }

  /** UTF-8, refusing bytes that are not: a file in another encoding fails rather than garbles. */
  private static Reader reader(InputStream body) {
    return new BufferedReader(
        new InputStreamReader(
            body,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        64 * 1024);
  }

  /** What is wrong with the file, without echoing its contents. */
  private static String csvError(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof java.nio.charset.CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
