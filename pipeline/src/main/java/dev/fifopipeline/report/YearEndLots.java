package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Dates;
import dev.fifopipeline.spark.MoneyColumns;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lots of a version open at the end of a tax year: what carries into the next year. The year
 * ends at the start of January 1 of the next year in {@code tax.timezone}; a trade at that instant
 * belongs to the next year.
 *
 * <p>A lot is open at the year end when its buy was made before it and either is still open after
 * the version's last trade ({@code fifo_inventory_snapshot}, not dust) or feeds a sell made after
 * it ({@code fifo_allocations}): a lot closed as dust, or fully sold, never feeds a later sell. Its
 * size is the buy's size less the sizes allocated to sells before the year end, and its cost basis
 * is kept as the engine keeps a lot: {@code round(buy price x size)} (half-up, 18 places) plus the
 * buy's fees less the fee shares those allocations carried. The buy's size, price and fees come
 * from {@code trade_records} (an allocation only carries its share), so for a year end after every
 * trade the lots equal the snapshot's open lots exactly. Sells without a buy are not lots and
 * change nothing here.
 */
final class YearEndLots {
  private YearEndLots() {}

  /** The first instant of the year after {@code year} in {@code zone}. */
  static Instant end(int year, ZoneId zone) {
    return LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
  }

  /**
   * The {@code year_end_lots} rows, unordered.
   *
   * @param allocations the version's rows of {@code fifo_allocations}
   * @param inventory the version's rows of {@code fifo_inventory_snapshot}
   * @param trades rows of {@code trade_records} (any; only the version's buys are used)
   * @param prices {@code symbol, mark_price}; a lot of a symbol without one has null market value
   *     and unrealized gain
   */
  static Dataset<Row> of(
      int version,
      int year,
      ZoneId zone,
      Dataset<Row> allocations,
      Dataset<Row> inventory,
      Dataset<Row> trades,
      Dataset<Row> prices) {
    Column end = lit(Timestamp.from(end(year, zone)));
    Column lastSecond = lit(Timestamp.from(end(year, zone).minusSeconds(1)));
    Dataset<Row> matched = allocations.filter(col("buy_order_id").isNotNull());
    Dataset<Row> open =
        inventory
            .filter(col("dust").equalTo(false))
            .select(col("account"), col("symbol"), col("buy_order_id"))
            .union(
                matched
                    .filter(col("sell_time").geq(end))
                    .select(col("account"), col("symbol"), col("buy_order_id")))
            .distinct()
            .toDF("o_account", "o_symbol", "o_buy");
    Dataset<Row> buys =
        trades
            .filter(col("side").equalTo("buy").and(col("order_time").lt(end)))
            .select(
                col("account"),
                col("symbol"),
                col("order_id").as("buy_order_id"),
                col("order_time").as("buy_time"),
                col("price").as("buy_price"),
                col("size").as("buy_size"),
                coalesce(col("fees"), lit(BigDecimal.ZERO)).as("buy_fees"));
    Dataset<Row> sold =
        matched
            .filter(col("sell_time").lt(end))
            .groupBy(
                col("account").as("s_account"),
                col("symbol").as("s_symbol"),
                col("buy_order_id").as("s_buy"))
            .agg(sum("allocated_size").as("sold"), sum("buy_fee_share").as("fees_carried"));
    Dataset<Row> lots =
        buys.join(
                open,
                col("account")
                    .eqNullSafe(col("o_account"))
                    .and(col("symbol").equalTo(col("o_symbol")))
                    .and(col("buy_order_id").equalTo(col("o_buy"))))
            .join(
                sold,
                col("account")
                    .eqNullSafe(col("s_account"))
                    .and(col("symbol").equalTo(col("s_symbol")))
                    .and(col("buy_order_id").equalTo(col("s_buy"))),
                "left")
            .withColumn(
                "size",
                MoneyColumns.subtract(col("buy_size"), coalesce(col("sold"), lit(BigDecimal.ZERO))))
            .withColumn(
                "fees_left",
                MoneyColumns.subtract(
                    col("buy_fees"), coalesce(col("fees_carried"), lit(BigDecimal.ZERO))))
            .filter(col("size").gt(0));
    Column zoneName = lit(zone.getId());
    Dataset<Row> priced =
        lots.join(
            prices.select(col("symbol").as("p_symbol"), col("mark_price")),
            col("symbol").equalTo(col("p_symbol")),
            "left");
    Column marketValue = MoneyColumns.multiply(col("size"), col("mark_price"));
    Column costBasis =
        MoneyColumns.add(MoneyColumns.multiply(col("buy_price"), col("size")), col("fees_left"));
    Dataset<Row> rows =
        priced
            .withColumn("cost_basis", costBasis)
            .withColumn("market_value", marketValue)
            .select(
                lit(version).as("allocation_version"),
                lit(year).as("tax_year"),
                col("account"),
                col("symbol"),
                Sells.quote(col("symbol")).as("quote"),
                col("buy_order_id"),
                col("buy_time"),
                Dates.localDate(col("buy_time"), zone).as("date_acquired"),
                col("size"),
                col("buy_price"),
                col("cost_basis"),
                MoneyColumns.holdingDays(col("buy_time"), lastSecond, zoneName).as("holding_days"),
                MoneyColumns.term(col("buy_time"), lastSecond, zoneName).as("term"),
                col("mark_price"),
                col("market_value"),
                MoneyColumns.subtract(col("market_value"), col("cost_basis"))
                    .as("unrealized_gain"));
    return Lake.conform(LakeTable.YEAR_END_LOTS, rows);
  }
}
