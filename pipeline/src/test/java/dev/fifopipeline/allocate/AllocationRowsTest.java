package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rows an allocate run derives from the matching's output, fed in memory. */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class AllocationRowsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void unmatchedRestsAndFailedGroupsBecomeReviewRowsAndFailedGroupsAreFilteredOut(
      SparkSession spark) {
    List<RunRow> runs =
        List.of(
            RunRow.failed("kraken", "BIG-USD", NOW, 5, new ArithmeticException("overflow")),
            RunRow.failed(null, "ODD-USD", NOW, 5, new IllegalStateException("backwards")));
    FailedGroups failed = FailedGroups.of(runs);
    Dataset<Row> allocations =
        Rows.table(
                spark,
                "account | symbol  | sell_order_id | sell_time           | allocated_size | proceeds",
                "kraken  | BTC-USD | S1            | 2025-01-02 00:00:00 | 0.5            | 10.25",
                "kraken  | BIG-USD | S2            | 2025-01-03 00:00:00 | 1              | 7",
                "null    | ODD-USD | S3            | 2025-01-04 00:00:00 | 2              | 3")
            .withColumn("sell_time", col("sell_time").cast("timestamp"))
            .withColumn("allocated_size", col("allocated_size").cast("decimal(38,18)"))
            .withColumn("proceeds", col("proceeds").cast("decimal(38,18)"));

    Dataset<Row> kept = allocations.where(failed.succeeded());
    assertEquals(
        List.of("S1"),
        kept.select("sell_order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());

    List<Row> review =
        AllocationRows.review(spark, kept, failed, 3, NOW)
            .orderBy("reason", "symbol")
            .collectAsList();
    assertEquals(3, review.size(), review.toString());
    assertEquals("allocation_failed", review.get(0).getAs("reason"));
    assertEquals("BIG-USD", review.get(0).getAs("symbol"));
    assertEquals(
        "matching failed, no rows written for this symbol: ArithmeticException: overflow",
        review.get(0).getAs("details"));
    assertEquals("ODD-USD", review.get(1).getAs("symbol"));
    Row unmatched = review.get(2);
    assertEquals("unmatched_sell", unmatched.getAs("reason"));
    assertEquals("S1", unmatched.getAs("order_id"));
    assertEquals(
        "0.5 of sell S1 at 2025-01-02 00:00:00 had no open buy lot; proceeds 10.25 recorded"
            + " without a cost basis",
        unmatched.getAs("details"));
    assertEquals(3, (int) unmatched.getAs("allocation_version"));
    assertEquals(List.of("ODD-USD", "kraken/BIG-USD"), failed.keys());
  }
}
