package dev.fifopipeline.compare;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.report.Sells;
import dev.fifopipeline.spark.MoneyColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-sell differences: between two versions, or between a version and the legacy inline values the
 * old bot wrote into {@code trade_records} ({@code pnl_usd}, {@code cost_basis_usd}, {@code
 * parent_id}, rounded to cents).
 */
public final class SellComparisons {
  /** Statuses of a comparison of two versions, in the order summaries list them. */
  public static final List<String> VERSION_STATUSES =
      List.of("different_lots", "different_pnl", "only_in_a", "only_in_b", "same");

  /** Statuses of a comparison with the legacy values, in the order summaries list them. */
  public static final List<String> LEGACY_STATUSES =
      List.of("other_lot", "differs", "unmatched", "no_legacy", "agrees");

  private SellComparisons() {}

  /**
   * One row per sell in either version: account, symbol, sell_order_id, sell_time, pnl_a, pnl_b,
   * difference (pnl_b - pnl_a, exact), lots_a, lots_b (buy order ids), unmatched_size_a,
   * unmatched_size_b, status: {@code same} (same lots, pnl and unmatched size), {@code
   * different_lots}, {@code different_pnl} (same lots, other sizes or amounts), {@code only_in_a},
   * {@code only_in_b}.
   *
   * @param a per-sell rows of version A ({@link dev.fifopipeline.report.Sells#of})
   * @param b per-sell rows of version B
   */
  public static Dataset<Row> versions(Dataset<Row> a, Dataset<Row> b) {
    Dataset<Row> left = side(a, "_a");
    Dataset<Row> right = side(b, "_b");
    Dataset<Row> joined =
        left.join(
            right,
            left.col("account_a")
                .eqNullSafe(right.col("account_b"))
                .and(left.col("sell_order_id_a").equalTo(right.col("sell_order_id_b"))),
            "full_outer");
    Column inA = col("sell_order_id_a").isNotNull();
    Column inB = col("sell_order_id_b").isNotNull();
    Column status =
        when(inB.equalTo(false), lit("only_in_a"))
            .when(inA.equalTo(false), lit("only_in_b"))
            .when(col("lots_a").notEqual(col("lots_b")), lit("different_lots"))
            .when(
                col("pnl_a")
                    .notEqual(col("pnl_b"))
                    .or(col("unmatched_size_a").notEqual(col("unmatched_size_b"))),
                lit("different_pnl"))
            .otherwise(lit("same"));
    return joined.select(
        when(inA, col("account_a")).otherwise(col("account_b")).as("account"),
        coalesce(col("symbol_a"), col("symbol_b")).as("symbol"),
        coalesce(col("sell_order_id_a"), col("sell_order_id_b")).as("sell_order_id"),
        coalesce(col("sell_time_a"), col("sell_time_b")).as("sell_time"),
        col("pnl_a"),
        col("pnl_b"),
        MoneyColumns.subtract(col("pnl_b"), col("pnl_a")).as("difference"),
        col("lots_a"),
        col("lots_b"),
        col("unmatched_size_a"),
        col("unmatched_size_b"),
        status.as("status"));
  }

  /**
   * One row per sell of the version: account, symbol, sell_order_id, sell_time, legacy_pnl, pnl,
   * difference (pnl - legacy_pnl, exact), legacy_cost_basis, cost_basis, legacy_parent_id, lots,
   * unmatched_size, status: {@code no_legacy} (no legacy pnl), {@code unmatched} (part of the sell
   * found no lot, so its pnl is partial), {@code agrees} (equal at cents, half-up), {@code
   * other_lot} (the legacy parent is none of the lots the sell consumed: the stale-parent bug),
   * {@code differs} (same lot, another amount).
   *
   * @param sells per-sell rows of the version ({@link dev.fifopipeline.report.Sells#of})
   * @param trades the ledger, {@code trade_records}
   */
  public static Dataset<Row> legacy(Dataset<Row> sells, Dataset<Row> trades) {
    Dataset<Row> legacy =
        trades
            .filter(col("side").equalTo("sell"))
            .select(
                col("order_id").as("legacy_order_id"),
                col("pnl_usd").as("legacy_pnl"),
                col("cost_basis_usd").as("legacy_cost_basis"),
                col("parent_id").as("legacy_parent_id"));
    Dataset<Row> joined =
        sells.join(
            legacy, sells.col("sell_order_id").equalTo(legacy.col("legacy_order_id")), "left");
    Column status =
        when(col("legacy_pnl").isNull(), lit("no_legacy"))
            .when(col("unmatched_size").gt(0), lit("unmatched"))
            .when(round(col("pnl"), 2).equalTo(col("legacy_pnl")), lit("agrees"))
            .when(
                col("legacy_parent_id")
                    .isNotNull()
                    .and(
                        array_contains(split(col("buy_order_ids"), " "), col("legacy_parent_id"))
                            .equalTo(false)),
                lit("other_lot"))
            .otherwise(lit("differs"));
    return joined.select(
        col("account"),
        col("symbol"),
        col("sell_order_id"),
        col("sell_time"),
        col("legacy_pnl"),
        col("pnl"),
        MoneyColumns.subtract(col("pnl"), col("legacy_pnl")).as("difference"),
        col("legacy_cost_basis"),
        col("cost_basis"),
        col("legacy_parent_id"),
        col("buy_order_ids").as("lots"),
        col("unmatched_size"),
        status.as("status"));
  }

  /**
   * Totals per (account, symbol) of a per-sell comparison: sells, one count per status but the
   * agreeing one, the two pnl totals and their difference (exact). With the legacy values the
   * totals cover the sells that have a legacy pnl.
   *
   * @param sells rows of {@link #versions} or {@link #legacy}
   * @param legacy which of the two
   */
  public static Dataset<Row> bySymbol(Dataset<Row> sells, boolean legacy) {
    List<String> statuses = legacy ? LEGACY_STATUSES : VERSION_STATUSES;
    String agreeing = legacy ? "agrees" : "same";
    String a = legacy ? "legacy_pnl" : "pnl_a";
    String b = legacy ? "pnl" : "pnl_b";
    Column counted = legacy ? col("legacy_pnl").isNotNull() : lit(true);
    List<Column> aggregates = new java.util.ArrayList<>();
    aggregates.add(count(lit(1)).as("sells"));
    for (String status : statuses) {
      if (!status.equals(agreeing)) {
        aggregates.add(
            sum(when(col("status").equalTo(status), lit(1L)).otherwise(lit(0L))).as(status));
      }
    }
    aggregates.add(sum(when(counted, col(a))).as(a));
    aggregates.add(sum(when(counted, col(b))).as(b));
    Dataset<Row> totals =
        sells
            .groupBy(col("account"), col("symbol"))
            .agg(
                aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    return totals.withColumn(
        "difference",
        MoneyColumns.subtract(coalesce(col(b), Sells.zero()), coalesce(col(a), Sells.zero())));
  }

  private static Dataset<Row> side(Dataset<Row> sells, String suffix) {
    return sells.select(
        col("account").as("account" + suffix),
        col("symbol").as("symbol" + suffix),
        col("sell_order_id").as("sell_order_id" + suffix),
        col("sell_time").as("sell_time" + suffix),
        col("pnl").as("pnl" + suffix),
        col("buy_order_ids").as("lots" + suffix),
        col("unmatched_size").as("unmatched_size" + suffix));
  }
}
