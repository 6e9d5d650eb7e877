package io.sequor.api.prospects;

import io.sequor.api.auth.Caller;
import io.sequor.api.paging.Cursors;
import io.sequor.api.prospects.ProspectViews.RowPage;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.prospects.ProspectImport;
import io.sequor.domain.prospects.ProspectImports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/prospect-imports")
@Tag(
    name = "Prospect imports",
    description = "CSV files of prospects, read as a stream and upserted in batches")
class ProspectImportsController {

  private static final String MAP = "map.";

  private final ProspectImports imports;

  ProspectImportsController(ProspectImports imports) {
    this.imports = imports;
  }

  @PostMapping
  @Operation(
      summary = "Import prospects from a CSV file",
      description =
          "The body is the CSV file itself (Content-Type: text/csv, UTF-8, RFC 4180 quoting),"
              + " its first row the header. It is read as it arrives, so files of any length"
              + " import in bounded memory; the answer comes when the last row is done. Known"
              + " headers map by name, ignoring case, spaces and punctuation (email, e-mail,"
              + " first name, last name, company, title, linkedin url, timezone, open profile,"
              + " segment, icp match, trigger, hook angle, offer, cta); map any column"
              + " explicitly with a query parameter map.<column>=<field>, where field is one of "
              + "email, linkedinUrl, firstName, lastName, company, title, timezone, openProfile,"
              + " segment, checklist.icpMatch, checklist.trigger, checklist.hookAngle,"
              + " checklist.offer, checklist.cta, fields.<name> or ignore. Every other column"
              + " becomes a custom field named by its header in lower_snake_case. Each row is"
              + " CREATED, UPDATED or SKIPPED with a reason; good rows import when others are"
              + " bad. A request that cannot be read as CSV or mapped is a 400 before anything is"
              + " written. status FAILED means the file broke off part-way: the rows before the"
              + " break are imported and have results.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "text/csv",
                      examples = @ExampleObject(value = Examples.CSV))),
      responses =
          @ApiResponse(
              responseCode = "201",
              description = "The import's summary",
              content = @Content(examples = @ExampleObject(value = Examples.IMPORT))))
  ResponseEntity<ProspectImport> create(
      Caller caller,
      HttpServletRequest request,
      @Parameter(
              description = "The segment of every row whose own segment column is blank or absent",
              example = "uk-fintech-vp-sales")
          @RequestParam(required = false)
          String segment)
      throws IOException {
    checkContentType(request.getContentType());
    Map<String, String> mapping = new LinkedHashMap<>();
    // Only the query string: reading form parameters would consume the body.
    for (Map.Entry<String, List<String>> p : queryParameters(request).entrySet()) {
      if (p.getKey().startsWith(MAP)) {
        String column = p.getKey().substring(MAP.length());
        if (column.isBlank()) {
          throw new InvalidInputException(
              p.getKey(), "name a column after map., like map.Work%20Email=email");
        }
        if (p.getValue().size() > 1) {
          throw new InvalidInputException(p.getKey(), "is given more than once");
        }
        mapping.put(column, p.getValue().get(0));
      }
    }
    ProspectImport done =
        imports.run(caller.workspaceId(), request.getInputStream(), mapping, segment);
    return ResponseEntity.created(URI.create("/api/prospect-imports/" + done.id())).body(done);
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "An import's summary",
      description =
          "Counts of created, updated and skipped rows, the column mapping used, and the"
              + " status: RUNNING while rows are read (the counts grow batch by batch), COMPLETED,"
              + " or FAILED with an error when the file broke off part-way.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The summary",
              content = @Content(examples = @ExampleObject(value = Examples.IMPORT))))
  ProspectImport get(Caller caller, @PathVariable UUID id) {
    return imports.get(caller.workspaceId(), id);
  }

  @GetMapping("/{id}/rows")
  @Operation(
      summary = "An import's row results, in file order",
      description =
          "row is the row's place in the file as a spreadsheet numbers it (the header is row"
              + " 1). outcome filters: CREATED, UPDATED or SKIPPED. Pass nextCursor as cursor for"
              + " the next page.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "A page of results",
              content = @Content(examples = @ExampleObject(value = Examples.ROWS))))
  RowPage rows(
      Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) ProspectImport.Outcome outcome,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
          String cursor,
      @Parameter(description = "1 to 200; 50 when absent") @RequestParam(required = false)
          Integer limit) {
    int size = Cursors.limit(limit);
    int after = 0;
    if (cursor != null) {
      try {
        after = Integer.parseInt(Cursors.decode(cursor));
      } catch (NumberFormatException e) {
        throw Cursors.invalid();
      }
    }
    List<ProspectImport.Row> rows =
        imports.rows(caller.workspaceId(), id, outcome, after, size + 1);
    if (rows.size() <= size) {
      return new RowPage(rows, null);
    }
    List<ProspectImport.Row> page = rows.subList(0, size);
    return new RowPage(page, Cursors.encode(Integer.toString(page.get(size - 1).row())));
  }

  private static void checkContentType(String contentType) {
    MediaType type;
    try {
      type = contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (RuntimeException e) {
      type = null;
    }
    if (type == null || !type.isCompatibleWith(MediaType.parseMediaType("text/csv"))) {
      throw new InvalidInputException(
          "Content-Type",
          "must be text/csv with the CSV file as the body; it was "
              + (contentType == null ? "absent" : "'" + contentType + "'"));
    }
    if (type.getCharset() != null && !type.getCharset().name().equals("UTF-8")) {
      throw new InvalidInputException(
          "Content-Type", "the file must be UTF-8; it says charset=" + type.getCharset().name());
    }
  }

  private static Map<String, List<String>> queryParameters(HttpServletRequest request) {
    return org.springframework.web.util.UriComponentsBuilder.newInstance()
        .query(request.getQueryString())
        .build()
        .getQueryParams()
        .entrySet()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(
                e -> decode(e.getKey()),
                e -> e.getValue().stream().map(v -> v == null ? "" : decode(v)).toList(),
                (a, b) -> {
                  List<String> all = new java.util.ArrayList<>(a);
                  all.addAll(b);
                  return all;
                },
                LinkedHashMap::new));
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
