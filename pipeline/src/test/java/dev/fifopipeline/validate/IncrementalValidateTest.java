package dev.fifopipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * validate without --deep proves again only the symbols whose rows changed since the last proof,
 * and still finds every breach: each test damages its own copy of one proven lake, and the cheap
 * check (Delta's change data feed, and the table check every read makes) catches it.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class IncrementalValidateTest {
  private static TempLake proven;

  @BeforeAll
  static void proveOnce() {
    proven = new TempLake();
    Ledgers.ingest(proven, ValidateJobTest.LEDGER);
    Ledgers.allocate(proven.lake(), 1, null, Set.of(), false);
    ValidationResult first = new ValidateJob(proven.lake(), 1, false).run();
    assertTrue(first.ok(), listing(first));
    assertEquals(-1, first.proved(), "without an earlier proof every symbol is proved");
  }

  @AfterAll
  static void cleanUp() {
    proven.close();
  }

  @Test
  void nothingChangedProvesNoSymbolAndALateTradeProvesItsSymbolOnly() {
    try (TempLake temp = TempLake.copyOf(proven)) {
      ValidationResult again = new ValidateJob(temp.lake(), 1, false).run();
      assertTrue(again.ok(), listing(again));
      assertEquals(0, again.proved());
      assertEquals(4, again.symbols());
      assertEquals(proven.lake().read(LakeTable.FIFO_ALLOCATIONS).count(), again.allocations());

      Ledgers.ingest(temp, Ledgers.csv("B0,BTC-USD,buy,2024-12-31T00:00:00Z,90,1,0"));
      Ledgers.allocate(temp.lake(), 1, null, Set.of("BTC-USD"), true);
      ValidationResult late = new ValidateJob(temp.lake(), 1, false).run();
      assertTrue(late.ok(), listing(late));
      assertEquals(1, late.proved(), "BTC-USD only");
    }
  }

  @Test
  void aTamperedAllocationOfAnUnchangedSymbolIsCaughtByTheCheapCheck(SparkSession spark) {
    try (TempLake temp = TempLake.copyOf(proven)) {
      Lake lake = temp.lake();
      DeltaTable.forPath(spark, lake.path(LakeTable.FIFO_ALLOCATIONS))
          .updateExpr("sell_order_id = 'E2' AND buy_order_id = 'E1'", Map.of("pnl", "pnl + 1"));

      ValidationResult tampered = new ValidateJob(lake, 1, false).run();

      assertEquals(1, tampered.proved(), "ETH-USD changed since the proof");
      assertEquals(Set.of(5, 6), tampered.breaches().keySet(), listing(tampered));
      assertTrue(listing(tampered).contains("ETH-USD E2"), listing(tampered));
    }
  }

  @Test
  void aLedgerRowEditedInPlaceIsCaughtByTheCheapCheck(SparkSession spark) {
    try (TempLake temp = TempLake.copyOf(proven)) {
      Lake lake = temp.lake();
      DeltaTable.forPath(spark, lake.path(LakeTable.TRADE_RECORDS))
          .updateExpr("order_id = 'L1'", Map.of("price", "price + 1"));

      ValidationResult edited = new ValidateJob(lake, 1, false).run();

      assertEquals(1, edited.proved(), "LTC-USD changed since the proof");
      assertTrue(edited.breaches().containsKey(5), listing(edited));
      assertTrue(edited.breaches().containsKey(6), listing(edited));
      assertTrue(listing(edited).contains("LTC-USD"), listing(edited));
    }
  }

  @Test
  void aDeletedAllocationFileIsCaughtByTheTableCheckAsADamagedLake() throws IOException {
    try (TempLake temp = TempLake.copyOf(proven)) {
      Path table = temp.folder().resolve("lake/fifo_allocations");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(table)) {
        files = walk.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toList());
      }
      Files.delete(files.get(0));

      PipelineException e =
          assertThrows(PipelineException.class, () -> new ValidateJob(temp.lake(), 1, false).run());

      assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
      assertTrue(
          e.getMessage().startsWith("Cannot read lake table fifo_allocations: data file "),
          e.getMessage());
      assertTrue(e.getMessage().contains(files.get(0).getFileName().toString()), e.getMessage());
    }
  }

  @Test
  void aTableWhoseChangesCannotBeListedIsProvedWholeSoTheBreachIsStillFound(SparkSession spark) {
    try (TempLake temp = TempLake.copyOf(proven)) {
      Lake lake = temp.lake();
      String path = lake.path(LakeTable.FIFO_ALLOCATIONS);
      spark.sql(
          "ALTER TABLE delta.`"
              + path
              + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = false)");
      DeltaTable.forPath(spark, path)
          .updateExpr("sell_order_id = 'D2'", Map.of("sell_price", "sell_price + 1"));

      ValidationResult blind = new ValidateJob(lake, 1, false).run();

      assertEquals(-1, blind.proved(), "every symbol is proved again");
      assertTrue(blind.breaches().containsKey(5), listing(blind));
      assertTrue(listing(blind).contains("DOT-USD D2"), listing(blind));
    }
  }

  private static String listing(ValidationResult result) {
    return result.examples().stream()
        .map(b -> b.invariant() + ": " + b.line())
        .collect(Collectors.joining("\n"));
  }
}
