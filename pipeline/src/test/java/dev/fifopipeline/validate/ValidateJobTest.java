package dev.fifopipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import io.delta.tables.DeltaTable;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class ValidateJobTest {
  static final String LEDGER =
      Ledgers.csv(
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
          "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,5,0.5",
          "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2",
          "S2,BTC-USD,sell,2025-01-04T00:00:00Z,125,2,0.1",
          "B3,BTC-USD,buy,2025-01-05T00:00:00Z,90,1,0.05",
          "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0.1",
          "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3");

  private static void allocate(Lake lake) {
    new AllocateJob(
            lake,
            new AllocateRequest(1, null, Set.of(), null, false),
            MatchingRules.DEFAULT_DUST,
            ZoneId.of("UTC"),
            Ledgers.CLOCK)
        .run();
  }

  private static DeltaTable allocations(Lake lake) {
    return DeltaTable.forPath(lake.spark(), lake.path(LakeTable.FIFO_ALLOCATIONS));
  }

  private static Set<Integer> broken(ValidationResult result) {
    return result.breaches().keySet();
  }

  private static String listing(ValidationResult result) {
    return result.examples().stream()
        .map(b -> b.invariant() + ": " + b.line())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aFreshVersionHoldsEveryInvariantAndTamperingIsCaught(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      Ledgers.ingest(temp, LEDGER);
      allocate(lake);

      ValidationResult clean = new ValidateJob(lake, 1).run();
      assertTrue(clean.ok(), listing(clean));
      assertEquals(2, clean.symbols());
      assertEquals(5, clean.allocations());

      // a pnl edited by hand: the amount rule breaks, and so does equality with a recompute
      allocations(lake).updateExpr("sell_order_id = 'S2'", Map.of("pnl", "pnl + 1"));
      ValidationResult edited = new ValidateJob(lake, 1).run();
      assertEquals(Set.of(5, 6), broken(edited), listing(edited));
      assertTrue(listing(edited).contains("pnl"), listing(edited));

      // a deleted allocation: S1 no longer adds up, nor does B1
      recompute(lake);
      allocations(lake).delete("sell_order_id = 'S1' AND buy_order_id = 'B1'");
      ValidationResult deleted = new ValidateJob(lake, 1).run();
      assertTrue(broken(deleted).containsAll(Set.of(1, 2, 5, 6)), listing(deleted));

      // a sell paired with a buy that comes after it, and a duplicated row
      recompute(lake);
      allocations(lake).updateExpr("sell_order_id = 'S2'", Map.of("buy_order_id", "'B3'"));
      ValidationResult later = new ValidateJob(lake, 1).run();
      assertTrue(broken(later).contains(3), listing(later));

      recompute(lake);
      lake.read(LakeTable.FIFO_ALLOCATIONS)
          .filter("sell_order_id = 'E2' AND buy_order_id IS NULL")
          .write()
          .format("delta")
          .mode("append")
          .save(lake.path(LakeTable.FIFO_ALLOCATIONS));
      ValidationResult duplicated = new ValidateJob(lake, 1).run();
      assertTrue(broken(duplicated).contains(4), listing(duplicated));
    }
  }

  @Test
  void tradesIngestedAfterTheVersionWasComputedAreReported(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      Ledgers.ingest(temp, LEDGER);
      allocate(lake);
      Ledgers.ingest(temp, Ledgers.csv("S3,BTC-USD,sell,2025-01-06T00:00:00Z,95,1,0"));

      ValidationResult stale = new ValidateJob(lake, 1).run();

      assertEquals(Set.of(1, 6), broken(stale), listing(stale));
      assertTrue(listing(stale).contains("S3"), listing(stale));
    }
  }

  @Test
  void unknownVersionIsAUsageError(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      allocate(temp.lake());
      PipelineException e =
          assertThrows(PipelineException.class, () -> new ValidateJob(temp.lake(), 7).run());
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertEquals(
          "Cannot validate version 7: it does not exist (versions in the lake: 1)", e.getMessage());
    }
  }

  /** Recomputes version 1 in place, undoing a previous tampering. */
  private static void recompute(Lake lake) {
    new AllocateJob(
            lake,
            new AllocateRequest(1, null, Set.of(), null, true),
            MatchingRules.DEFAULT_DUST,
            ZoneId.of("UTC"),
            Ledgers.CLOCK)
        .run();
  }
}
