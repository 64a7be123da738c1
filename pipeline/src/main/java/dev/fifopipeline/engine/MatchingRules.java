package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How lots are matched.
 *
 * @param schedule which open lot a sell consumes first: the method in force on the sell's date in
 *     {@code zone}, for the trades' account
 * @param dust base units: an open lot whose remaining size falls strictly below it is closed as
 *     dust, and so is a sell's unmatched rest below it; 0 disables dust
 * @param zone the time zone in which buy and sell dates (holding days, term) and the years of the
 *     schedule are taken
 */
public record MatchingRules(MethodSchedule schedule, BigDecimal dust, ZoneId zone)
    implements java.io.Serializable {
  /** The contract's default dust threshold, 1e-8 base units. */
  public static final BigDecimal DEFAULT_DUST = new BigDecimal("0.00000001");

  /**
   * Validates the rules.
   *
   * @throws IllegalArgumentException when dust is negative
   */
  public MatchingRules {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(zone, "zone");
    if (dust == null || dust.signum() < 0) {
      throw new IllegalArgumentException("dust must be >= 0, not " + dust);
    }
  }

  /** Rules with one method for every account and year (a plain schedule). */
  public MatchingRules(MatchingMethod method, BigDecimal dust, ZoneId zone) {
    this(MethodSchedule.of(method), dust, zone);
  }

  /** FIFO with the default dust threshold, dates in UTC. */
  public static MatchingRules defaults() {
    return new MatchingRules(MatchingMethod.FIFO, DEFAULT_DUST, ZoneId.of("UTC"));
  }

  /** These rules with another method. */
  public MatchingRules withMethod(MatchingMethod other) {
    return new MatchingRules(other, dust, zone);
  }

  /** These rules with another schedule. */
  public MatchingRules withSchedule(MethodSchedule other) {
    return new MatchingRules(other, dust, zone);
  }

  /** Whether a positive size is dust: strictly below the threshold. */
  boolean isDust(BigDecimal size) {
    return size.compareTo(dust) < 0;
  }
}
