package dev.fifopipeline.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Holding period of a lot, on calendar dates taken in a given zone (never the machine's zone).
 *
 * <p>The term is long when the sell date is after the buy date's one-year anniversary; the
 * anniversary of a February 29 buy is February 28 of the next year.
 */
public final class HoldingPeriod {
  private HoldingPeriod() {}

  /** Calendar days from the buy date to the sell date in {@code zone}. */
  public static int days(Instant buyTime, Instant sellTime, ZoneId zone) {
    return Math.toIntExact(ChronoUnit.DAYS.between(date(buyTime, zone), date(sellTime, zone)));
  }

  /** Long when the sell date is after the buy date's one-year anniversary, else short. */
  public static Term term(Instant buyTime, Instant sellTime, ZoneId zone) {
    LocalDate anniversary = date(buyTime, zone).plusYears(1); // Feb 29 -> Feb 28
    return date(sellTime, zone).isAfter(anniversary) ? Term.LONG : Term.SHORT;
  }

  /** The calendar date of {@code time} in {@code zone}. */
  public static LocalDate date(Instant time, ZoneId zone) {
    return LocalDate.ofInstant(time, zone);
  }
}
