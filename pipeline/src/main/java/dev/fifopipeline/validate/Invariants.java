package dev.fifopipeline.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dev.fifopipeline.engine.MethodSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * The invariants of the contract over the rows of some symbols of one version: 1 to 5 as the
 * queries of {@link InvariantQueries}, 6 by matching the symbols again ({@link Recompute}) and
 * comparing row for row.
 */
final class Invariants {
  private Invariants() {}

  /**
   * Checks invariants 1 to 6 over the given rows of one version, adding the count of what breaks
   * each to {@code counts} and the first {@link ValidateJob#EXAMPLES} of each to {@code examples}.
   */
  static void check(
      SparkSession spark,
      int version,
      Dataset<Row> ledger,
      Dataset<Row> allocationRows,
      Dataset<Row> inventoryRows,
      Dataset<Row> log,
      MethodSchedule schedule,
      Map<Integer, Long> counts,
      List<Breach> examples) {
    // every check reads these: materialise each once instead of re-reading Delta per query
    List<Dataset<Row>> cached = new ArrayList<>();
    Dataset<Row> trades = cache(ledger, cached);
    Dataset<Row> allocations = cache(allocationRows, cached);
    Dataset<Row> inventory = cache(inventoryRows, cached);
    log.createOrReplaceTempView("fifo_v_log");
    trades.createOrReplaceTempView("fifo_v_trades");
    allocations.createOrReplaceTempView("fifo_v_alloc");
    inventory.createOrReplaceTempView("fifo_v_inv");
    Dataset<Row> scope = cache(spark.sql(InvariantQueries.SCOPE), cached);
    scope.createOrReplaceTempView("fifo_v_scope");
    cache(spark.sql(InvariantQueries.LEDGER), cached).createOrReplaceTempView("fifo_v_ledger");
    cache(spark.sql(InvariantQueries.ENRICHED), cached).createOrReplaceTempView("fifo_v_enriched");

    Dataset<Row> breaches = null;
    for (String check : InvariantQueries.CHECKS) {
      Dataset<Row> rows = spark.sql(check);
      breaches = breaches == null ? rows : breaches.unionByName(rows);
    }
    breaches =
        breaches.unionByName(
            Recompute.differences(
                spark.table("fifo_v_ledger"), scope, allocations, inventory, schedule, cached));
    breaches = breaches.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      spark.sparkContext().setJobDescription("validate v" + version + ": check invariants 1-6");
      for (Row row : breaches.groupBy("invariant").count().collectAsList()) {
        counts.merge(row.getInt(0), row.getLong(1), Long::sum);
      }
      if (counts.isEmpty()) {
        return;
      }
      Dataset<Row> ranked =
          breaches.withColumn(
              "n",
              row_number()
                  .over(Window.partitionBy("invariant").orderBy("symbol", "order_id", "message")));
      for (Row row :
          ranked
              .filter(col("n").leq(ValidateJob.EXAMPLES))
              .orderBy("invariant", "n")
              .collectAsList()) {
        examples.add(
            new Breach(row.getInt(0), row.getString(1), row.getString(2), row.getString(3)));
      }
    } finally {
      breaches.unpersist();
      cached.forEach(Dataset::unpersist);
    }
  }

  private static Dataset<Row> cache(Dataset<Row> rows, List<Dataset<Row>> cached) {
    Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(persisted);
    return persisted;
  }
}
