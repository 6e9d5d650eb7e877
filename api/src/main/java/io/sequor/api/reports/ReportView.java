package io.sequor.api.reports;

import io.sequor.domain.reports.Metrics;
import io.sequor.domain.reports.Report;
import java.time.Instant;
import java.util.List;

/**
 * A report as the API shows it.
 *
 * @param scope campaign, sequence or seat
 * @param by the breakdown asked for, or null
 * @param unit what rows count: messages (by step, variant, channel) or enrolments (the rest, and
 *     the totals)
 */
record ReportView(
    String scope,
    String id,
    Instant from,
    Instant to,
    String by,
    String unit,
    Metrics total,
    List<Metrics> rows) {

  static ReportView of(Report report) {
    return new ReportView(
        report.scope().wireName(),
        report.id(),
        report.from(),
        report.to(),
        report.by() == null ? null : report.by().wireName(),
        report.by() != null && report.by().messageLevel() ? "MESSAGE" : "ENROLMENT",
        report.total(),
        report.rows());
  }
}
