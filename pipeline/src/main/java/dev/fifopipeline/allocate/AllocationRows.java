package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.spark.Columns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The rows an allocate run writes besides the matching's own, made from what the matching gave:
 * pure functions of their inputs (no reads, no writes), so tests feed them in-memory Datasets.
 */
final class AllocationRows {
  private AllocationRows() {}

  /** The columns every row of a run starts with: its version, method, batch and time. */
  static Column[] tags(int version, MatchingRules rules, String batchId, Instant now) {
    return new Column[] {
      lit(version).as("allocation_version"),
      lit(rules.schedule().label()).as("method"),
      lit(batchId).as("batch_id"),
      lit(now).as("computed_at")
    };
  }

  /** {@code rows} with {@code tags} in front of their own columns. */
  static Dataset<Row> withTags(Dataset<Row> rows, Column[] tags) {
    List<Column> columns = new ArrayList<>(List.of(tags));
    for (String name : rows.columns()) {
      columns.add(col(name));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /**
   * The review queue rows of a run: one per unmatched sell rest of {@code unmatched} (allocation
   * rows without a buy), one per failed group.
   */
  static Dataset<Row> review(
      SparkSession spark, Dataset<Row> unmatched, FailedGroups failed, int version, Instant now) {
    Dataset<Row> queued =
        unmatched.select(
            col("sell_order_id").as("order_id"),
            col("account"),
            col("symbol"),
            lit("unmatched_sell").as("reason"),
            format_string(
                    "%s of sell %s at %s had no open buy lot; proceeds %s recorded without a"
                        + " cost basis",
                    Columns.plain(col("allocated_size")),
                    col("sell_order_id"),
                    col("sell_time").cast("string"),
                    Columns.plain(col("proceeds")))
                .as("details"),
            lit(version).as("allocation_version"),
            lit(now).as("detected_at"));
    List<Row> failures = new ArrayList<>();
    for (RunRow run : failed.runs()) {
      failures.add(
          RowFactory.create(
              null,
              run.getAccount(),
              run.getSymbol(),
              "allocation_failed",
              "matching failed, no rows written for this symbol: " + run.getError(),
              version,
              now));
    }
    return queued.unionByName(spark.createDataFrame(failures, LakeSchemas.MANUAL_REVIEW_QUEUE));
  }

  /** The computation log rows of a run: one per group, with how it went and what it saw. */
  static Dataset<Row> log(
      SparkSession spark,
      List<RunRow> runs,
      int version,
      MatchingRules rules,
      String mode,
      String batchId,
      Instant ledgerThrough) {
    List<Row> rows = new ArrayList<>();
    for (RunRow run : runs) {
      rows.add(
          RowFactory.create(
              batchId,
              version,
              rules.schedule().label(),
              mode,
              run.getAccount(),
              run.getSymbol(),
              run.getStartedAt(),
              run.getDurationMs(),
              run.getBuys(),
              run.getSells(),
              run.getAllocations(),
              run.getUnmatchedSells(),
              run.getTotalPnl(),
              run.getStatus(),
              run.getError(),
              rules.dust(),
              rules.zone().getId(),
              ledgerThrough));
    }
    return spark.createDataFrame(rows, LakeSchemas.FIFO_COMPUTATION_LOG);
  }
}
