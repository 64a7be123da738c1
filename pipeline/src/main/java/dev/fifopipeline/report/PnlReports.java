package dev.fifopipeline.report;

import static dev.fifopipeline.report.Sells.one;
import static dev.fifopipeline.report.Sells.orZero;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.spark.MoneyColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The pnl tables, from {@link Sells} rows: {@code pnl_by_symbol}, {@code pnl_by_quote}, {@code
 * pnl_daily} and {@code pnl_monthly}. Money of different quote currencies is never added up.
 */
public final class PnlReports {
  /** The columns every total of realized pnl adds up, in the order the tables have them. */
  private static final List<String> REALIZED =
      List.of(
          "sells", "unmatched_sells", "volume", "proceeds", "cost_basis", "fees", "realized_pnl");

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
                sum(col("volume")).as("volume"),
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
            Sells.quote(coalesce(col("symbol"), col("open_symbol"))).as("quote"),
            coalesce(col("sells"), lit(0L)).as("sells"),
            coalesce(col("unmatched_sells"), lit(0L)).as("unmatched_sells"),
            orZero(col("matched_size")).as("matched_size"),
            orZero(col("volume")).as("volume"),
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
    Column marketValue = MoneyColumns.multiply(col("open_size"), col("mark_price"));
    return priced
        .withColumn("market_value", marketValue)
        .withColumn(
            "unrealized_pnl", MoneyColumns.subtract(col("market_value"), col("open_cost_basis")))
        .drop("price_symbol");
  }

  /**
   * Totals per quote currency of {@link #bySymbol} rows. Market value and unrealized pnl are null
   * unless every symbol of the quote with open lots has a price.
   */
  public static Dataset<Row> byQuote(Dataset<Row> bySymbol) {
    Column unpriced = col("open_lots").gt(0).and(col("mark_price").isNull());
    Column allPriced = sum(one(unpriced)).equalTo(0);
    List<Column> totals = sums(REALIZED);
    totals.addAll(sums(List.of("unmatched_proceeds", "open_lots", "open_cost_basis")));
    totals.add(when(allPriced, sum(col("market_value"))).as("market_value"));
    totals.add(when(allPriced, sum(col("unrealized_pnl"))).as("unrealized_pnl"));
    return bySymbol
        .groupBy(col("quote"))
        .agg(countDistinct(col("symbol")).as("symbols"), totals.toArray(Column[]::new));
  }

  /**
   * Realized pnl per (account, symbol) and sell date: the partial sums {@link #daily} and {@link
   * #monthly} add up.
   *
   * @param sells rows of {@link Sells#of}
   */
  public static Dataset<Row> dailyBySymbol(Dataset<Row> sells) {
    Column unmatched = col("outcome").equalTo(Sells.UNMATCHED);
    return sells
        .groupBy(col("account"), col("symbol"), col("quote"), col("sell_date").as("date"))
        .agg(
            count(lit(1)).as("sells"),
            sum(one(unmatched)).as("unmatched_sells"),
            sum(col("volume")).as("volume"),
            sum(col("proceeds")).as("proceeds"),
            sum(col("cost_basis")).as("cost_basis"),
            sum(col("fees")).as("fees"),
            sum(col("pnl")).as("realized_pnl"));
  }

  /**
   * Realized pnl per sell date and quote over all accounts and symbols, with {@code
   * cumulative_pnl}, the quote's running total up to and including that date.
   *
   * @param dailyBySymbol rows of {@link #dailyBySymbol}
   */
  public static Dataset<Row> daily(Dataset<Row> dailyBySymbol) {
    return byPeriod(dailyBySymbol, col("date"), "date");
  }

  /**
   * As {@link #daily}, per calendar month of the sell dates ({@code 2025-12}).
   *
   * @param dailyBySymbol rows of {@link #dailyBySymbol}
   */
  public static Dataset<Row> monthly(Dataset<Row> dailyBySymbol) {
    return byPeriod(dailyBySymbol, date_format(col("date"), "yyyy-MM"), "month");
  }

  private static Dataset<Row> byPeriod(Dataset<Row> dailyBySymbol, Column period, String name) {
    // SUM is exact on DECIMAL(38,18), so the sums of the partial sums are the sums of the sells
    List<Column> totals = sums(REALIZED);
    Dataset<Row> periods =
        dailyBySymbol
            .groupBy(period.as(name), col("quote"))
            .agg(totals.get(0), totals.subList(1, totals.size()).toArray(Column[]::new));
    return periods.withColumn(
        "cumulative_pnl",
        sum(col("realized_pnl"))
            .over(
                Window.partitionBy(col("quote"))
                    .orderBy(col(name))
                    .rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
  }

  private static List<Column> sums(List<String> columns) {
    List<Column> sums = new ArrayList<>();
    for (String column : columns) {
      sums.add(sum(col(column)).as(column));
    }
    return sums;
  }
}
