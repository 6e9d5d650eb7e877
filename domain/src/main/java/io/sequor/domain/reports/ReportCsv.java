package io.sequor.domain.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as CSV (RFC 4180, Apache Commons CSV): a header, one line per row, then the total line.
 * The columns are listed in docs/metrics.md; rates are fractions, times are seconds, money has two
 * decimals, an empty cell means "none" (no reply to time, nothing to divide by).
 */
public final class ReportCsv {

  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "line",
          "dimension",
          "value",
          "delivered",
          "replies",
          "replyRate",
          "positiveReplies",
          "positiveReplyRate",
          "meetings",
          "meetingRate",
          "ttfrMedianSeconds",
          "ttfrP25Seconds",
          "ttfrP75Seconds",
          "ttfrUnder24h",
          "ttfr24hTo72h",
          "ttfr3dTo7d",
          "ttfr7dTo14d",
          "ttfrOver14d",
          "outOfOffice",
          "bounces",
          "unsubscribes",
          "failedSends",
          "creditsSpent",
          "creditsRefunded",
          "creditsReleased",
          "creditsInRefundWindow",
          "creditsNet",
          "cost",
          "costPerReply",
          "costPerPositiveReply",
          "costPerMeeting",
          "overridden",
          "replyRateHealth",
          "positiveReplyRateHealth",
          "meetingRateHealth");

  private ReportCsv() {}

  public static String write(Report report) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      String dimension = report.by() == null ? "" : report.by().wireName();
      for (Metrics row : report.rows()) {
        printer.printRecord(line("row", dimension, row));
      }
      printer.printRecord(line("total", "", report.total()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static List<Object> line(String kind, String dimension, Metrics m) {
    List<Object> cells = new ArrayList<>();
    cells.add(kind);
    cells.add(dimension);
    cells.add(m.key());
    cells.add(m.delivered());
    cells.add(m.replies());
    cells.add(m.replyRate());
    cells.add(m.positiveReplies());
    cells.add(m.positiveReplyRate());
    cells.add(m.meetings());
    cells.add(m.meetingRate());
    Metrics.TimeToFirstReply t = m.timeToFirstReply();
    cells.add(t.medianSeconds());
    cells.add(t.p25Seconds());
    cells.add(t.p75Seconds());
    cells.add(t.distribution().under24h());
    cells.add(t.distribution().from24hTo72h());
    cells.add(t.distribution().from3dTo7d());
    cells.add(t.distribution().from7dTo14d());
    cells.add(t.distribution().over14d());
    cells.add(m.outOfOffice());
    cells.add(m.bounces());
    cells.add(m.unsubscribes());
    cells.add(m.failedSends());
    cells.add(m.credits().spent());
    cells.add(m.credits().refunded());
    cells.add(m.credits().released());
    cells.add(m.credits().inRefundWindow());
    cells.add(m.credits().net());
    cells.add(m.money().cost());
    cells.add(m.money().costPerReply());
    cells.add(m.money().costPerPositiveReply());
    cells.add(m.money().costPerMeeting());
    cells.add(m.overridden());
    cells.add(m.health().replyRate().level());
    cells.add(m.health().positiveReplyRate().level());
    cells.add(m.health().meetingRate().level());
    return cells;
  }
}
