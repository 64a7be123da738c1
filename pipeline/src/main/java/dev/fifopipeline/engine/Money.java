package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The decimal arithmetic of the ledger: 38 significant digits, 18 after the point ({@code
 * DECIMAL(38,18)}), rounding half-up. Every amount the engine emits has scale 18.
 */
public final class Money {
  /** Digits after the decimal point of every stored quantity and amount. */
  public static final int SCALE = 18;

  /** Total significant digits of every stored quantity and amount. */
  public static final int PRECISION = 38;

  /** Rounding of every stored quantity and amount. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

  /** Exclusive bound on the absolute value of a {@code DECIMAL(38,18)}: 10^20. */
  private static final BigDecimal LIMIT = BigDecimal.TEN.pow(PRECISION - SCALE);

  /** Zero at scale 18. */
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

  private Money() {}

  /** {@code value} at scale 18, rounded half-up. */
  public static BigDecimal scaled(BigDecimal value) {
    return value.setScale(SCALE, ROUNDING);
  }

  /** {@code a x b} rounded half-up at 18 decimal places, e.g. price x size. */
  public static BigDecimal product(BigDecimal a, BigDecimal b) {
    return a.multiply(b).setScale(SCALE, ROUNDING);
  }

  /**
   * The share of {@code total} that {@code part} of {@code whole} carries, {@code total x part /
   * whole} rounded half-up at 18 decimal places (computed exactly before rounding).
   *
   * @throws ArithmeticException when {@code whole} is zero
   */
  public static BigDecimal proRata(BigDecimal total, BigDecimal part, BigDecimal whole) {
    return total.multiply(part).divide(whole, SCALE, ROUNDING);
  }

  /** Whether {@code value} is storable as {@code DECIMAL(38,18)} without overflow. */
  public static boolean fits(BigDecimal value) {
    return scaled(value).abs().compareTo(LIMIT) < 0;
  }

  /**
   * Returns {@code value} at scale 18.
   *
   * @throws ArithmeticException naming {@code what} when the value does not fit DECIMAL(38,18)
   */
  public static BigDecimal checked(BigDecimal value, String what) {
    if (!fits(value)) {
      throw new ArithmeticException(
          what + " " + value.toPlainString() + " does not fit DECIMAL(38,18) (|value| < 1e20)");
    }
    return scaled(value);
  }
}
