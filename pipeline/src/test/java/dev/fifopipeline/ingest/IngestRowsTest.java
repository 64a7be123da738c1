package dev.fifopipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rows an ingest writes from a classified batch, fed in memory. */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class IngestRowsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void newTradesLandNowAndKeepTheirOwnIngestedAt(SparkSession spark) {
    Dataset<Row> ledger = IngestRows.ledger(classified(spark), NOW);
    List<Row> rows = ledger.orderBy("order_id").select("order_id", "ingested_at").collectAsList();
    assertEquals(2, rows.size(), "only the new rows");
    assertEquals("B1", rows.get(0).getString(0));
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), rows.get(0).get(1));
    assertEquals(NOW, rows.get(1).get(1), "no ingested_at: when it landed");
    assertEquals(2, ledger.filter(col("lake_ingested_at").equalTo(Timestamp.from(NOW))).count());
  }

  @Test
  void aBadRowIsQueuedOnceEvenWhenReadAgain(SparkSession spark) {
    Dataset<Row> queue =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "X1", null, "BTC-USD", "bad_size", "size -1", null, Timestamp.from(NOW))),
            LakeSchemas.of(LakeTable.MANUAL_REVIEW_QUEUE));
    List<Row> fresh =
        IngestRows.review(classified(spark), queue, NOW)
            .orderBy("order_id")
            .select("order_id", "reason")
            .collectAsList();
    assertEquals(2, fresh.size(), fresh.toString());
    assertEquals(null, fresh.get(0).get(0), "a blank order id is queued as null");
    assertEquals("X2", fresh.get(1).getString(0));
  }

  private static Dataset<Row> classified(SparkSession spark) {
    return Rows.table(
            spark,
            "order_id | account | symbol  | ingested_at         | _status     | reason   | details",
            "B1       | null    | BTC-USD | 2025-01-01 00:00:00 | new         | null     | null",
            "B2       | null    | BTC-USD | null                | new         | null     | null",
            "B0       | null    | BTC-USD | 2024-01-01 00:00:00 | unchanged   | null     | null",
            "X1       | null    | BTC-USD | null                | quarantined | bad_size | size -1",
            "X2       | null    | BTC-USD | null                | quarantined | bad_size | size -2",
            "X2       | null    | BTC-USD | null                | quarantined | bad_size | size -2",
            "         | null    | BTC-USD | null                | quarantined | no_id    | blank")
        .withColumn("ingested_at", col("ingested_at").cast("timestamp"));
  }
}
