package dev.fifopipeline.report;

import static dev.fifopipeline.report.Sells.one;
import static dev.fifopipeline.report.Sells.orZero;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.spark.MoneyColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code win_rate} table: per (account, symbol), and per account and quote currency over all
 * its symbols under {@code symbol = 'ALL'}.
 *
 * <p>A sell is a win when its pnl over its matched allocations is above zero, a loss below zero,
 * breakeven at zero. A sell with an unmatched rest is counted in {@code unmatched_sells} and is
 * neither a win nor a loss: its pnl is incomplete. {@code win_rate = wins / matched_sells} (null
 * without matched sells); {@code expectancy = realized_pnl / matched_sells}; {@code profit_factor =
 * gross_profit / gross_loss} (null without losses); {@code gross_loss}, {@code average_loss} and
 * {@code largest_loss} are magnitudes.
 */
public final class WinRates {
  /** The symbol of an account's total row. */
  public static final String ALL = "ALL";

  private WinRates() {}

  /**
   * Every row of the table, per symbol and per account.
   *
   * @param sells rows of {@link Sells#of}
   */
  public static Dataset<Row> of(Dataset<Row> sells) {
    return withTotals(bySymbol(sells));
  }

  /**
   * The rows per (account, symbol).
   *
   * @param sells rows of {@link Sells#of}
   */
  public static Dataset<Row> bySymbol(Dataset<Row> sells) {
    Column outcome = col("outcome");
    Column decided = outcome.notEqual(Sells.UNMATCHED);
    Dataset<Row> counts =
        sells
            .groupBy(col("account"), col("symbol"), col("quote"))
            .agg(
                count(lit(1)).as("sells"),
                sum(one(decided)).as("matched_sells"),
                sum(one(outcome.equalTo(Sells.WIN))).as("wins"),
                sum(one(outcome.equalTo(Sells.LOSS))).as("losses"),
                sum(one(outcome.equalTo(Sells.BREAKEVEN))).as("breakeven"),
                sum(one(outcome.equalTo(Sells.UNMATCHED))).as("unmatched_sells"),
                orZero(sum(when(outcome.equalTo(Sells.WIN), col("pnl")))).as("gross_profit"),
                orZero(negate(sum(when(outcome.equalTo(Sells.LOSS), col("pnl"))))).as("gross_loss"),
                orZero(sum(when(decided, col("pnl")))).as("realized_pnl"),
                max(when(outcome.equalTo(Sells.WIN), col("pnl"))).as("largest_win"),
                negate(min(when(outcome.equalTo(Sells.LOSS), col("pnl")))).as("largest_loss"));
    return ratios(counts);
  }

  /**
   * The rows per symbol and, added up from them, the account's rows over all its symbols of a quote
   * ({@code symbol = 'ALL'}).
   *
   * @param bySymbol rows of {@link #bySymbol}
   */
  public static Dataset<Row> withTotals(Dataset<Row> bySymbol) {
    Dataset<Row> perAccount =
        bySymbol
            .groupBy(col("account"), lit(ALL).as("symbol"), col("quote"))
            .agg(
                sum(col("sells")).as("sells"),
                sum(col("matched_sells")).as("matched_sells"),
                sum(col("wins")).as("wins"),
                sum(col("losses")).as("losses"),
                sum(col("breakeven")).as("breakeven"),
                sum(col("unmatched_sells")).as("unmatched_sells"),
                sum(col("gross_profit")).as("gross_profit"),
                sum(col("gross_loss")).as("gross_loss"),
                sum(col("realized_pnl")).as("realized_pnl"),
                max(col("largest_win")).as("largest_win"),
                max(col("largest_loss")).as("largest_loss"));
    return bySymbol.unionByName(ratios(perAccount));
  }

  private static Dataset<Row> ratios(Dataset<Row> counts) {
    return counts
        .withColumn("win_rate", MoneyColumns.divide(decimal("wins"), decimal("matched_sells")))
        .withColumn("profit_factor", MoneyColumns.divide(col("gross_profit"), col("gross_loss")))
        .withColumn("average_win", MoneyColumns.divide(col("gross_profit"), decimal("wins")))
        .withColumn("average_loss", MoneyColumns.divide(col("gross_loss"), decimal("losses")))
        .withColumn(
            "expectancy", MoneyColumns.divide(col("realized_pnl"), decimal("matched_sells")));
  }

  private static Column decimal(String count) {
    return col(count).cast(LakeSchemas.MONEY);
  }
}
