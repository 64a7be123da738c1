package dev.fifopipeline.report;

import static dev.fifopipeline.report.Sells.one;
import static dev.fifopipeline.report.Sells.orZero;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.spark.Money;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The pnl tables: {@code pnl_by_symbol} and {@code pnl_daily}, from {@link Sells} rows. */
public final class PnlReports {
  private PnlReports() {}

  /**
   * Realized pnl per (account, symbol), joined with the open lots left and, where a price is known,
   * their market value. Symbols with only open lots have zero sells.
   *
   * @param sells rows of {@link Sells#of}
   * @param inventory rows of {@code fifo_inventory_snapshot} of the same version (dust lots are
   *     ignored)
   * @param prices columns symbol and mark_price; may be empty
   */
  public static Dataset<Row> bySymbol(
      Dataset<Row> sells, Dataset<Row> inventory, Dataset<Row> prices) {
    Column unmatched = col("outcome").equalTo(Sells.UNMATCHED);
    Dataset<Row> realized =
        sells
            .groupBy(col("account"), col("symbol"))
            .agg(
                count(lit(1)).as("sells"),
                sum(one(unmatched)).as("unmatched_sells"),
                sum(col("matched_size")).as("matched_size"),
                sum(col("proceeds")).as("proceeds"),
                sum(col("cost_basis")).as("cost_basis"),
                sum(col("pnl")).as("realized_pnl"),
                sum(col("fees")).as("fees"),
                sum(col("unmatched_size")).as("unmatched_size"),
                sum(col("unmatched_proceeds")).as("unmatched_proceeds"),
                min(col("sell_time")).as("first_sell_time"),
                max(col("sell_time")).as("last_sell_time"));
    Dataset<Row> open =
        inventory
            .filter(col("dust").equalTo(false))
            .groupBy(col("account").as("open_account"), col("symbol").as("open_symbol"))
            .agg(
                count(lit(1)).as("open_lots"),
                sum(col("remaining_size")).as("open_size"),
                sum(col("remaining_cost_basis")).as("open_cost_basis"));
    Dataset<Row> joined =
        realized.join(
            open,
            realized
                .col("account")
                .eqNullSafe(open.col("open_account"))
                .and(realized.col("symbol").equalTo(open.col("open_symbol"))),
            "full_outer");
    Column hasSells = col("symbol").isNotNull();
    Dataset<Row> both =
        joined.select(
            when(hasSells, col("account")).otherwise(col("open_account")).as("account"),
            coalesce(col("symbol"), col("open_symbol")).as("symbol"),
            coalesce(col("sells"), lit(0L)).as("sells"),
            coalesce(col("unmatched_sells"), lit(0L)).as("unmatched_sells"),
            orZero(col("matched_size")).as("matched_size"),
            orZero(col("proceeds")).as("proceeds"),
            orZero(col("cost_basis")).as("cost_basis"),
            orZero(col("realized_pnl")).as("realized_pnl"),
            orZero(col("fees")).as("fees"),
            orZero(col("unmatched_size")).as("unmatched_size"),
            orZero(col("unmatched_proceeds")).as("unmatched_proceeds"),
            coalesce(col("open_lots"), lit(0L)).as("open_lots"),
            orZero(col("open_size")).as("open_size"),
            orZero(col("open_cost_basis")).as("open_cost_basis"),
            col("first_sell_time"),
            col("last_sell_time"));
    Dataset<Row> priced =
        both.join(
            prices.select(col("symbol").as("price_symbol"), col("mark_price")),
            col("symbol").equalTo(col("price_symbol")),
            "left");
    Column marketValue = Money.multiply(col("open_size"), col("mark_price"));
    return priced
        .withColumn("market_value", marketValue)
        .withColumn("unrealized_pnl", Money.subtract(col("market_value"), col("open_cost_basis")))
        .drop("price_symbol");
  }

  /**
   * Realized pnl per sell date over all accounts and symbols, with {@code cumulative_pnl}, the
   * running total up to and including that date.
   *
   * @param sells rows of {@link Sells#of}
   */
  public static Dataset<Row> daily(Dataset<Row> sells) {
    Column unmatched = col("outcome").equalTo(Sells.UNMATCHED);
    Dataset<Row> days =
        sells
            .groupBy(col("sell_date").as("date"))
            .agg(
                count(lit(1)).as("sells"),
                sum(one(unmatched)).as("unmatched_sells"),
                sum(col("proceeds")).as("proceeds"),
                sum(col("cost_basis")).as("cost_basis"),
                sum(col("pnl")).as("realized_pnl"));
    // SUM is exact on DECIMAL(38,18); one window over all days is fine: a row per calendar day
    return days.withColumn(
        "cumulative_pnl",
        sum(col("realized_pnl"))
            .over(
                Window.orderBy(col("date"))
                    .rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
  }
}
