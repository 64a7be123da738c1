package dev.fifopipeline.spark;

import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** Small column expressions shared by jobs. */
public final class Columns {
  // Spark's own decimal-to-string cast gives 0E-18 for zero; render through BigDecimal instead
  private static final UserDefinedFunction PLAIN =
      udf(
              (UDF1<BigDecimal, String>) value -> value == null ? null : plain(value),
              DataTypes.StringType)
          .withName("fifo_plain_decimal");

  private Columns() {}

  /** Registers {@code fifo_plain(decimal)} for SQL text. */
  public static void register(org.apache.spark.sql.SparkSession spark) {
    spark.udf().register("fifo_plain", PLAIN);
  }

  /** True when {@code c} is null or only blanks. */
  public static Column blank(Column c) {
    return c.isNull().or(length(trim(c.cast("string"))).equalTo(0));
  }

  /**
   * A decimal as text without trailing zeros and without exponent: {@code 2.5} for {@code
   * 2.500000000000000000}, {@code 0} for zero, {@code 100} for {@code 100.000000000000000000}.
   */
  public static Column plain(Column decimal) {
    return PLAIN.apply(decimal);
  }

  /** {@code value} without trailing zeros and without exponent. */
  public static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
