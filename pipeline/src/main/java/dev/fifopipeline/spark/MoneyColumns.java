package dev.fifopipeline.spark;

import static org.apache.spark.sql.functions.udf;

import dev.fifopipeline.engine.HoldingPeriod;
import dev.fifopipeline.engine.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Exact {@code DECIMAL(38,18)} arithmetic as Spark functions. Spark's own decimal operators drop
 * digits on these operands (a - b becomes DECIMAL(38,17), a x b DECIMAL(38,6)); only SUM stays
 * exact. Every computed money or quantity column goes through these. Null in, null out.
 */
public final class MoneyColumns {
  /** The one type of money and quantity columns: {@code DECIMAL(38,18)}, from {@link Money}. */
  public static final DecimalType TYPE = DataTypes.createDecimalType(Money.PRECISION, Money.SCALE);

  private static final UserDefinedFunction ADD =
      udf(
              (UDF2<BigDecimal, BigDecimal, BigDecimal>)
                  (a, b) -> a == null || b == null ? null : scaled(a.add(b)),
              TYPE)
          .withName("fifo_add");
  private static final UserDefinedFunction SUBTRACT =
      udf(
              (UDF2<BigDecimal, BigDecimal, BigDecimal>)
                  (a, b) -> a == null || b == null ? null : scaled(a.subtract(b)),
              TYPE)
          .withName("fifo_subtract");
  private static final UserDefinedFunction MULTIPLY =
      udf(
              (UDF2<BigDecimal, BigDecimal, BigDecimal>)
                  (a, b) -> a == null || b == null ? null : scaled(a.multiply(b)),
              TYPE)
          .withName("fifo_multiply");
  private static final UserDefinedFunction PRO_RATA =
      udf(
              (UDF3<BigDecimal, BigDecimal, BigDecimal, BigDecimal>)
                  (total, part, whole) ->
                      total == null || part == null || whole == null || whole.signum() == 0
                          ? null
                          : Money.proRata(total, part, whole),
              TYPE)
          .withName("fifo_pro_rata");
  private static final UserDefinedFunction DIVIDE =
      udf(
              (UDF2<BigDecimal, BigDecimal, BigDecimal>)
                  (a, b) ->
                      a == null || b == null || b.signum() == 0
                          ? null
                          : a.divide(b, Money.SCALE, Money.ROUNDING),
              TYPE)
          .withName("fifo_divide");
  private static final UserDefinedFunction HOLDING_DAYS =
      udf(
              (UDF3<Instant, Instant, String, Integer>)
                  (buy, sell, zone) ->
                      buy == null || sell == null
                          ? null
                          : HoldingPeriod.days(buy, sell, ZoneId.of(zone)),
              DataTypes.IntegerType)
          .withName("fifo_holding_days");
  private static final UserDefinedFunction TERM =
      udf(
              (UDF3<Instant, Instant, String, String>)
                  (buy, sell, zone) ->
                      buy == null || sell == null
                          ? null
                          : HoldingPeriod.term(buy, sell, ZoneId.of(zone)).label(),
              DataTypes.StringType)
          .withName("fifo_term");

  private MoneyColumns() {}

  /**
   * Registers the functions for SQL text: fifo_add, fifo_subtract, fifo_multiply, ...; once per
   * session (again, as every run of a {@code nightly --every} process would, Spark logs a warning
   * per function).
   */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists("fifo_plain")) { // the last one registered
      return;
    }
    spark.udf().register("fifo_add", ADD);
    spark.udf().register("fifo_subtract", SUBTRACT);
    spark.udf().register("fifo_multiply", MULTIPLY);
    spark.udf().register("fifo_divide", DIVIDE);
    spark.udf().register("fifo_pro_rata", PRO_RATA);
    spark.udf().register("fifo_holding_days", HOLDING_DAYS);
    spark.udf().register("fifo_term", TERM);
    Columns.register(spark);
  }

  /** a + b, exact. */
  public static Column add(Column a, Column b) {
    return ADD.apply(a, b);
  }

  /** a - b, exact. */
  public static Column subtract(Column a, Column b) {
    return SUBTRACT.apply(a, b);
  }

  /** a x b rounded half-up at 18 places. */
  public static Column multiply(Column a, Column b) {
    return MULTIPLY.apply(a, b);
  }

  /** a / b rounded half-up at 18 places; null when b is 0. */
  public static Column divide(Column a, Column b) {
    return DIVIDE.apply(a, b);
  }

  /** total x part / whole rounded half-up at 18 places, as the engine splits fees. */
  public static Column proRata(Column total, Column part, Column whole) {
    return PRO_RATA.apply(total, part, whole);
  }

  /** Calendar days from buy date to sell date in {@code zone} (an IANA name column). */
  public static Column holdingDays(Column buy, Column sell, Column zone) {
    return HOLDING_DAYS.apply(buy, sell, zone);
  }

  /** short or long, by the one-year rule in {@code zone}. */
  public static Column term(Column buy, Column sell, Column zone) {
    return TERM.apply(buy, sell, zone);
  }

  private static BigDecimal scaled(BigDecimal value) {
    return Money.fits(value) ? Money.scaled(value) : null;
  }
}
