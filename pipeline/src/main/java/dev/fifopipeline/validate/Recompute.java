package dev.fifopipeline.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.allocate.Matching;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.spark.Columns;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Invariant 6 as a transformation: the breach rows where a version's stored rows differ from what
 * matching the ledger again gives.
 */
final class Recompute {
  /** Allocation columns a recompute must reproduce exactly. */
  private static final String[] ALLOCATION_FACTS = {
    "account", "symbol", "sell_order_id", "buy_order_id", "sell_time", "buy_time",
    "allocated_size", "sell_price", "buy_price", "buy_fee_share", "sell_fee_share", "cost_basis",
    "proceeds", "pnl", "holding_days", "term"
  };

  private static final String[] INVENTORY_FACTS = {
    "account",
    "symbol",
    "buy_order_id",
    "buy_time",
    "remaining_size",
    "remaining_cost_basis",
    "dust"
  };

  private Recompute() {}

  /**
   * Invariant 6: the version's rows against a full recompute of its succeeded symbols, with the
   * dust threshold and zone each symbol's last run recorded.
   *
   * @param ledger the symbols' trades, each with its run's dust and zone
   * @param scope the symbols' runs (status, dust, zone)
   * @param cached where the recompute's kept output is added, for the caller to release
   */
  static Dataset<Row> differences(
      Dataset<Row> ledger,
      Dataset<Row> scope,
      Dataset<Row> allocations,
      Dataset<Row> inventory,
      MethodSchedule schedule,
      List<Dataset<Row>> cached) {
    Dataset<Row> recomputedAllocations = null;
    Dataset<Row> recomputedLots = null;
    for (Row rules :
        scope
            .filter(col("status").equalTo("succeeded"))
            .select("dust", "zone")
            .distinct()
            .collectAsList()) {
      BigDecimal dust = rules.getDecimal(0);
      String zone = rules.getString(1);
      Matching.Matched matched =
          Matching.match(
              ledger.filter(col("dust").equalTo(dust).and(col("zone").equalTo(zone))),
              new MatchingRules(schedule, dust, ZoneId.of(zone)));
      // one pass, kept: the allocations and the lots are its two halves
      Matching.Matched kept = matched.persisted();
      cached.add(kept.output().toDF()); // released with the rest
      Dataset<Row> a = kept.allocationRows();
      Dataset<Row> l = kept.lotRows();
      recomputedAllocations =
          recomputedAllocations == null ? a : recomputedAllocations.unionByName(a);
      recomputedLots = recomputedLots == null ? l : recomputedLots.unionByName(l);
    }
    Dataset<Row> stored = allocations.select(ALLOCATION_FACTS[0], rest(ALLOCATION_FACTS));
    Dataset<Row> storedLots = inventory.select(INVENTORY_FACTS[0], rest(INVENTORY_FACTS));
    Dataset<Row> failed =
        scope.filter(col("status").notEqual("succeeded")).select("account", "symbol");
    stored = succeededOnly(stored, failed);
    storedLots = succeededOnly(storedLots, failed);
    if (recomputedAllocations == null) {
      recomputedAllocations = stored.limit(0);
      recomputedLots = storedLots.limit(0);
    }
    recomputedAllocations =
        recomputedAllocations.select(ALLOCATION_FACTS[0], rest(ALLOCATION_FACTS));
    recomputedLots = recomputedLots.select(INVENTORY_FACTS[0], rest(INVENTORY_FACTS));

    Column allocation =
        format_string(
            "%s <- %s of %s",
            col("sell_order_id"),
            org.apache.spark.sql.functions.coalesce(col("buy_order_id"), lit("(unmatched)")),
            Columns.plain(col("allocated_size")));
    Column lot =
        format_string(
            "lot %s with %s left%s",
            col("buy_order_id"),
            Columns.plain(col("remaining_size")),
            when(col("dust"), lit(" (dust)")).otherwise(lit("")));
    return difference(
            surplus(stored, recomputedAllocations),
            "sell_order_id",
            allocation,
            "stored allocation %s differs from a full recompute (ledger changed since? run allocate --since)",
            "a full recompute gives allocation %s, which the version lacks")
        .unionByName(
            difference(
                surplus(storedLots, recomputedLots),
                "buy_order_id",
                lot,
                "stored inventory %s differs from a full recompute",
                "a full recompute leaves inventory %s, which the version lacks"));
  }

  /**
   * The rows that {@code stored} holds more often than {@code recomputed} ({@code _surplus} above
   * 0) or less often (below 0), in one aggregation over both: two exceptAll would aggregate them
   * twice.
   */
  private static Dataset<Row> surplus(Dataset<Row> stored, Dataset<Row> recomputed) {
    Column[] facts = Arrays.stream(stored.columns()).map(c -> col(c)).toArray(Column[]::new);
    return stored
        .withColumn("_side", lit(1))
        .unionByName(recomputed.withColumn("_side", lit(-1)))
        .groupBy(facts)
        .agg(sum("_side").as("_surplus"))
        .filter(col("_surplus").notEqual(0));
  }

  private static Dataset<Row> succeededOnly(Dataset<Row> rows, Dataset<Row> failed) {
    return rows.join(
        failed,
        rows.col("account")
            .eqNullSafe(failed.col("account"))
            .and(rows.col("symbol").equalTo(failed.col("symbol"))),
        "left_anti");
  }

  /** Breach rows of invariant 6 from {@link #surplus} rows, worded by which side has more. */
  private static Dataset<Row> difference(
      Dataset<Row> rows, String orderId, Column what, String storedMore, String recomputedMore) {
    return rows.select(
        lit(6).as("invariant"),
        col("symbol"),
        col(orderId).as("order_id"),
        when(col("_surplus").gt(0), format_string(storedMore, what))
            .otherwise(format_string(recomputedMore, what))
            .as("message"));
  }

  private static String[] rest(String[] columns) {
    return Arrays.copyOfRange(columns, 1, columns.length);
  }
}
