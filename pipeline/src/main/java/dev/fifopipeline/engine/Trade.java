package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One filled order of the ledger, as the engine sees it.
 *
 * @param orderId unique, non-blank
 * @param account exchange account or wallet, or null when the ledger has none
 * @param symbol {@code BASE-QUOTE}, non-blank
 * @param side buy or sell
 * @param time when the order filled
 * @param price quote currency per base unit, &gt; 0
 * @param size base units, &gt; 0
 * @param fees quote currency, &gt;= 0 (never null: a missing fee is 0)
 */
public record Trade(
    String orderId,
    String account,
    String symbol,
    Side side,
    Instant time,
    BigDecimal price,
    BigDecimal size,
    BigDecimal fees) {

  /**
   * Validates the trade's facts.
   *
   * @throws IllegalArgumentException naming the order and the broken rule
   */
  public Trade {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("order_id must not be blank");
    }
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("symbol of " + orderId + " must not be blank");
    }
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(time, "time");
    requirePositive(price, "price", orderId);
    requirePositive(size, "size", orderId);
    if (fees == null || fees.signum() < 0) {
      throw new IllegalArgumentException("fees of " + orderId + " must be >= 0, not " + fees);
    }
    requireDecimal(price, "price", orderId);
    requireDecimal(size, "size", orderId);
    requireDecimal(fees, "fees", orderId);
  }

  /** A trade without an account. */
  public static Trade of(
      String orderId,
      String symbol,
      Side side,
      Instant time,
      String price,
      String size,
      String fees) {
    return new Trade(
        orderId,
        null,
        symbol,
        side,
        time,
        new BigDecimal(price),
        new BigDecimal(size),
        new BigDecimal(fees));
  }

  /** Whether this is a buy. */
  public boolean isBuy() {
    return side == Side.BUY;
  }

  /** Inputs are exact DECIMAL(38,18) values: the engine never rounds a fact. */
  private static void requireDecimal(BigDecimal value, String name, String orderId) {
    if (value.stripTrailingZeros().scale() > Money.SCALE || !Money.fits(value)) {
      throw new IllegalArgumentException(
          name + " of " + orderId + " is not a DECIMAL(38,18): " + value.toPlainString());
    }
  }

  private static void requirePositive(BigDecimal value, String name, String orderId) {
    if (value == null || value.signum() <= 0) {
      throw new IllegalArgumentException(name + " of " + orderId + " must be > 0, not " + value);
    }
  }
}
