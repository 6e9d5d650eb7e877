package io.sequor.domain.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One row of a report: the funnel, credits and money of a group of delivered messages (a
 * message-level breakdown) or reached enrolments (the totals and enrolment-level breakdowns).
 *
 * @param key the row's value of the breakdown dimension (null in the totals, or when the dimension
 *     was not set, such as a message without a variant)
 * @param overridden counted replies whose class a person overrode
 */
public record Metrics(
    String key,
    long delivered,
    long replies,
    Double replyRate,
    long positiveReplies,
    Double positiveReplyRate,
    long meetings,
    Double meetingRate,
    TimeToFirstReply timeToFirstReply,
    long outOfOffice,
    long bounces,
    long unsubscribes,
    long failedSends,
    Credits credits,
    Money money,
    long overridden,
    Health health) {

  /**
   * Seconds from the delivered message (or the enrolment's first delivered message) to the first
   * human reply: exact percentiles over the counted replies, null when there are none.
   */
  public record TimeToFirstReply(
      Double medianSeconds, Double p25Seconds, Double p75Seconds, Buckets distribution) {}

  /** How many counted replies came within each span. */
  public record Buckets(
      long under24h, long from24hTo72h, long from3dTo7d, long from7dTo14d, long over14d) {}

  /**
   * @param released came back because the InMail was not sent after all; not a refund
   * @param inRefundWindow spent, neither refunded nor released, and spent less than the refund
   *     window ago: may still come back
   * @param net spent - refunded - released
   */
  public record Credits(long spent, long refunded, long released, long inRefundWindow, long net) {}

  /**
   * Net credits priced at each seat's plan's cost per credit; the per-outcome figures are null when
   * nothing was counted.
   */
  public record Money(
      BigDecimal cost,
      BigDecimal costPerReply,
      BigDecimal costPerPositiveReply,
      BigDecimal costPerMeeting) {

    static Money of(BigDecimal cost, long replies, long positive, long meetings) {
      BigDecimal total = cost.setScale(2, RoundingMode.HALF_UP);
      return new Money(total, per(cost, replies), per(cost, positive), per(cost, meetings));
    }

    private static BigDecimal per(BigDecimal cost, long count) {
      return count == 0 ? null : cost.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
  }

  static Double rate(long count, long delivered) {
    return delivered == 0 ? null : (double) count / delivered;
  }
}
