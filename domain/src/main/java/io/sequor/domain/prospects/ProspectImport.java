package io.sequor.domain.prospects;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A CSV import of prospects and its counts so far.
 *
 * @param columns each column of the file and the field it fills ({@code fields.<name>} for a custom
 *     field, {@code ignore} for a dropped column)
 * @param rowsRead data rows read so far (the header not counted); equals created + updated +
 *     skipped
 * @param error why the import stopped early, when its status is FAILED
 */
public record ProspectImport(
    UUID id,
    Status status,
    String segment,
    Map<String, String> columns,
    int rowsRead,
    int created,
    int updated,
    int skipped,
    String error,
    Instant createdAt,
    Instant finishedAt) {

  /** Where an import is. */
  public enum Status {
    /** Rows are being read; the counts grow as each batch commits. */
    RUNNING,
    /** Every row of the file has a result. */
    COMPLETED,
    /**
     * The file broke off or stopped being valid CSV part-way: the rows before the break are
     * imported and have their results, the rest were not read.
     */
    FAILED
  }

  /** What happened to one data row. */
  public enum Outcome {
    CREATED,
    UPDATED,
    SKIPPED
  }

  /**
   * One data row's result.
   *
   * @param row the row's place in the file, the header being row 1 (as a spreadsheet numbers it)
   * @param prospectId the prospect created or updated; null when skipped
   * @param reason why the row was skipped; null otherwise
   */
  public record Row(int row, Outcome outcome, UUID prospectId, String reason) {}
}
