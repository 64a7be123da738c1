package dev.fifopipeline.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run's writes through {@link LakeWrite}: kept on commit, undone by the next run without. */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class LakeWriteTest {
  private static final List<LakeTable> BOTH =
      List.of(LakeTable.TRADE_RECORDS, LakeTable.MANUAL_REVIEW_QUEUE);

  @Test
  void aCommittedRunIsKeptAndAnUncommittedOneIsUndoneBeforeTheNextRun(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      try (LakeWrite write = lake.beginWrite("first", BOTH)) {
        write.append(LakeTable.TRADE_RECORDS, trade(spark, "B1"));
        write.commit();
      }
      assertFalse(lake.hasInterruptedRun());

      try (LakeWrite write = lake.beginWrite("second", BOTH)) {
        write.append(LakeTable.TRADE_RECORDS, trade(spark, "B2"));
        write.append(LakeTable.MANUAL_REVIEW_QUEUE, review(spark));
        // no commit: the run stops here
      }
      assertTrue(lake.hasInterruptedRun());
      assertEquals(2, lake.read(LakeTable.TRADE_RECORDS).count(), "half a run is in the lake");

      assertEquals(Optional.of("second"), lake.undoInterruptedRun());
      assertEquals(1, lake.read(LakeTable.TRADE_RECORDS).count());
      assertFalse(lake.exists(LakeTable.MANUAL_REVIEW_QUEUE), "the run created it: removed");
      assertEquals(Optional.empty(), lake.undoInterruptedRun());
    }
  }

  @Test
  void aRunWritesOnlyTheTablesItNamedAndNothingAfterItsCommit(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      try (LakeWrite write = lake.beginWrite("ledger only", List.of(LakeTable.TRADE_RECORDS))) {
        assertThrows(
            IllegalStateException.class,
            () -> write.append(LakeTable.MANUAL_REVIEW_QUEUE, review(spark)));
        write.append(LakeTable.TRADE_RECORDS, trade(spark, "B1"));
        write.commit();
        assertThrows(
            IllegalStateException.class,
            () -> write.delete(LakeTable.TRADE_RECORDS, "order_id = 'B1'"));
      }
      assertFalse(lake.exists(LakeTable.MANUAL_REVIEW_QUEUE));
      assertEquals(1, lake.read(LakeTable.TRADE_RECORDS).count());
    }
  }

  private static Dataset<Row> trade(SparkSession spark, String orderId) {
    Timestamp at = Timestamp.valueOf("2025-01-01 00:00:00");
    Row row =
        RowFactory.create(
            orderId,
            null,
            "BTC-USD",
            "buy",
            at,
            BigDecimal.TEN,
            BigDecimal.ONE,
            BigDecimal.ZERO,
            at,
            "test",
            null,
            null,
            null,
            null,
            at);
    return Lake.conform(
        LakeTable.TRADE_RECORDS,
        spark.createDataFrame(List.of(row), LakeSchemas.of(LakeTable.TRADE_RECORDS)));
  }

  private static Dataset<Row> review(SparkSession spark) {
    return spark.createDataFrame(List.of(), LakeSchemas.of(LakeTable.MANUAL_REVIEW_QUEUE));
  }
}
