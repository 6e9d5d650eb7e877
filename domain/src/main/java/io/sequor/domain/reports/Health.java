package io.sequor.domain.reports;

/**
 * How a row's rates compare with the healthy ranges of outbound (reply rate under 5% is weak, 10%
 * or more healthy; positive replies 3-6%; meetings 1-3%), each with a sentence a person can read.
 * Below {@link #MIN_SAMPLE} delivered, every flag is TOO_FEW: a handful of sends proves nothing.
 */
public record Health(Flag replyRate, Flag positiveReplyRate, Flag meetingRate) {

  /** Fewest delivered messages (or enrolments) a row needs before it is judged. */
  public static final int MIN_SAMPLE = 20;

  public record Flag(String level, String message) {}

  static Health of(long delivered, Double replyRate, Double positiveRate, Double meetingRate) {
    if (delivered < MIN_SAMPLE) {
      Flag few =
          new Flag(
              "TOO_FEW",
              "only " + delivered + " delivered; " + MIN_SAMPLE + " are needed to judge");
      return new Health(few, few, few);
    }
    return new Health(
        reply(replyRate),
        range(positiveRate, 0.03, 0.06, "positive reply rate"),
        range(meetingRate, 0.01, 0.03, "meeting rate"));
  }

  private static Flag reply(double rate) {
    if (rate < 0.05) {
      return new Flag(
          "WEAK", "reply rate " + percent(rate) + " is under 5%: weak targeting or offer");
    }
    if (rate >= 0.10) {
      return new Flag("HEALTHY", "reply rate " + percent(rate) + " is 10% or more: healthy");
    }
    return new Flag(
        "BELOW_TARGET", "reply rate " + percent(rate) + " is between 5% and the 10% target");
  }

  private static Flag range(double rate, double low, double high, String what) {
    String target = " (target " + percent(low) + "-" + percent(high) + ")";
    if (rate < low) {
      return new Flag("BELOW", what + " " + percent(rate) + " is below target" + target);
    }
    if (rate > high) {
      return new Flag("ABOVE", what + " " + percent(rate) + " is above target" + target);
    }
    return new Flag("ON_TARGET", what + " " + percent(rate) + " is on target" + target);
  }

  private static String percent(double rate) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
  }
}
