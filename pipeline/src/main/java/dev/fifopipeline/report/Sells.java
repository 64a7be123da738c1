package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.engine.Money;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.spark.Dates;
import dev.fifopipeline.spark.MoneyColumns;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per sell of a version, from its allocations: what it sold, what it realized, and its
 * outcome. A sell is a {@code win} when its pnl over its matched allocations is above zero, a
 * {@code loss} below, {@code breakeven} at zero, and {@code unmatched} (counted apart, never a win
 * or a loss) when any part of it found no buy lot.
 */
public final class Sells {
  public static final String WIN = "win";
  public static final String LOSS = "loss";
  public static final String BREAKEVEN = "breakeven";
  public static final String UNMATCHED = "unmatched";

  private Sells() {}

  /**
   * Per sell: account, symbol, quote, sell_order_id, sell_time, sell_date (in {@code zone}), size,
   * volume (sell price x size, before fees), matched_size, unmatched_size, lots, buy_order_ids
   * (space-separated, sorted), proceeds and cost_basis of the matched part, pnl (0 when nothing
   * matched), fees (buy and sell fee shares), unmatched_proceeds, outcome. Money columns are exact.
   *
   * @param allocations rows of {@code fifo_allocations} of one version
   */
  public static Dataset<Row> of(Dataset<Row> allocations, ZoneId zone) {
    Column matched = col("buy_order_id").isNotNull();
    Column size = col("allocated_size");
    Dataset<Row> sells =
        allocations
            .groupBy(col("account"), col("symbol"), col("sell_order_id"))
            .agg(
                min("sell_time").as("sell_time"),
                sum(size).as("size"),
                orZero(sum(MoneyColumns.multiply(col("sell_price"), size))).as("volume"),
                orZero(sum(when(matched, size))).as("matched_size"),
                orZero(sum(when(matched.equalTo(false), size))).as("unmatched_size"),
                count(col("buy_order_id")).as("lots"),
                concat_ws(" ", array_sort(collect_list(col("buy_order_id")))).as("buy_order_ids"),
                orZero(sum(when(matched, col("proceeds")))).as("proceeds"),
                orZero(sum(col("cost_basis"))).as("cost_basis"),
                orZero(sum(col("pnl"))).as("pnl"),
                orZero(sum(col("buy_fee_share"))).as("buy_fees"),
                orZero(sum(col("sell_fee_share"))).as("sell_fees"),
                orZero(sum(when(matched.equalTo(false), col("proceeds"))))
                    .as("unmatched_proceeds"));
    return sells
        .withColumn("quote", quote(col("symbol")))
        .withColumn("sell_date", Dates.localDate(col("sell_time"), zone))
        .withColumn("fees", MoneyColumns.add(col("buy_fees"), col("sell_fees")))
        .withColumn(
            "outcome",
            when(col("unmatched_size").gt(0), lit(UNMATCHED))
                .when(col("pnl").gt(0), lit(WIN))
                .when(col("pnl").lt(0), lit(LOSS))
                .otherwise(lit(BREAKEVEN)))
        .drop("buy_fees", "sell_fees");
  }

  /** The quote currency of a {@code BASE-QUOTE} symbol: {@code USD} for {@code BTC-USD}. */
  public static Column quote(Column symbol) {
    return substring_index(symbol, "-", -1);
  }

  /** Zero at DECIMAL(38,18). */
  public static Column zero() {
    return lit(Money.ZERO).cast(LakeSchemas.MONEY);
  }

  /** {@code value}, or zero when null. */
  static Column orZero(Column value) {
    return coalesce(value, zero());
  }

  /** 1 when {@code condition} holds, else 0; sum it to count. */
  static Column one(Column condition) {
    return when(condition, lit(1L)).otherwise(lit(0L));
  }
}
