package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which symbols an allocate run recomputes, over a ledger fed in memory. */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class AllocationScopeTest {
  private static final MethodSchedule FIFO = MethodSchedule.of(MatchingMethod.FIFO);

  @Test
  void aFullRunRecomputesEverySymbol(SparkSession spark) {
    AllocationScope scope = AllocationScope.of(ledger(spark), request(Set.of(), null), false);
    assertFalse(scope.isEmpty());
    assertEquals("allocation_version = 3", scope.predicate(3));
    assertEquals(3, scope.ledger(ledger(spark)).count());
  }

  @Test
  void namedSymbolsAreRecomputedAndMustBeInTheLedger(SparkSession spark) {
    AllocationScope scope =
        AllocationScope.of(ledger(spark), request(Set.of("ETH-USD"), null), false);
    assertEquals("allocation_version = 3 AND symbol IN ('ETH-USD')", scope.predicate(3));
    assertEquals(List.of("E1"), orders(scope.ledger(ledger(spark))));
    PipelineException unknown =
        assertThrows(
            PipelineException.class,
            () -> AllocationScope.of(ledger(spark), request(Set.of("DOGE-USD"), null), false));
    assertTrue(unknown.getMessage().contains("DOGE-USD"), unknown.getMessage());
  }

  @Test
  void anIncrementalRunTakesTheSymbolsLandedSinceAndTheNamedOnes(SparkSession spark) {
    Instant since = Instant.parse("2025-02-01T00:00:00Z");
    AllocationScope landed = AllocationScope.of(ledger(spark), request(Set.of(), since), true);
    assertEquals(List.of("B1", "B2"), orders(landed.ledger(ledger(spark))));
    AllocationScope named =
        AllocationScope.of(ledger(spark), request(Set.of("ETH-USD"), since), true);
    assertEquals(List.of("B1", "B2", "E1"), orders(named.ledger(ledger(spark))));
    Instant later = Instant.parse("2026-01-01T00:00:00Z");
    assertTrue(AllocationScope.of(ledger(spark), request(Set.of(), later), true).isEmpty());
  }

  private static AllocateRequest request(Set<String> symbols, Instant since) {
    return new AllocateRequest(3, FIFO, symbols, since, false);
  }

  private static List<String> orders(Dataset<Row> ledger) {
    return ledger.orderBy("order_id").select("order_id").as(Encoders.STRING()).collectAsList();
  }

  private static Dataset<Row> ledger(SparkSession spark) {
    return Rows.table(
            spark,
            "order_id | symbol  | lake_ingested_at",
            "B1       | BTC-USD | 2025-01-01 00:00:00",
            "B2       | BTC-USD | 2025-03-01 00:00:00",
            "E1       | ETH-USD | 2025-01-15 00:00:00")
        .withColumn("lake_ingested_at", col("lake_ingested_at").cast("timestamp"));
  }
}
