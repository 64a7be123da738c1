package dev.fifopipeline.allocate;

import static dev.fifopipeline.testing.DataFrames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.validate.ValidateJob;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
@Tag("spark")
class AllocateJobTest {
  static final String LEDGER = Ledgers.BASIC;

  static AllocateResult allocate(
      Lake lake, int version, MatchingMethod method, Set<String> symbols, boolean force) {
    return Ledgers.allocate(lake, version, method, symbols, force);
  }

  static Dataset<Row> allocations(Lake lake, int version) {
    return lake.read(LakeTable.FIFO_ALLOCATIONS)
        .filter(col("allocation_version").equalTo(version))
        .select(
            col("method"),
            col("sell_order_id").as("sell"),
            col("buy_order_id").as("buy"),
            plain("allocated_size", "size"),
            plain("cost_basis", "cost"),
            plain("proceeds", "proceeds"),
            plain("pnl", "pnl"));
  }

  private static Column plain(String name, String alias) {
    return Columns.plain(col(name)).as(alias);
  }

  @Test
  void writesAllocationsInventoryUnmatchedSellsAndTheLog(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);

      AllocateResult result = allocate(temp.lake(), 1, null, Set.of(), false);

      assertEquals(2, result.symbols());
      assertEquals(4, result.allocations());
      assertEquals(1, result.unmatchedSells());
      assertSameRows(
          Rows.table(
              spark,
              "method | sell | buy  | size | cost  | proceeds | pnl",
              "fifo   | S1   | B1   | 10   | 1001  | 1199     | 198",
              "fifo   | S1   | B2   | 2    | 220.2 | 239.8    | 19.6",
              "fifo   | E2   | E1   | 1    | 10.1  | 11.9     | 1.8",
              "fifo   | E2   | null | 2    | null  | 23.8     | null"),
          allocations(temp.lake(), 1));
      assertSameRows(
          Rows.table(
              spark,
              "buy_order_id | remaining_size | remaining_cost_basis | dust",
              "B2 | 3 | 330.3 | false"),
          temp.lake()
              .read(LakeTable.FIFO_INVENTORY_SNAPSHOT)
              .select(
                  col("buy_order_id"),
                  plain("remaining_size", "remaining_size"),
                  plain("remaining_cost_basis", "remaining_cost_basis"),
                  col("dust").cast("string").as("dust")));
      assertSameRows(
          Rows.table(spark, "order_id | reason | allocation_version", "E2 | unmatched_sell | 1"),
          temp.lake()
              .read(LakeTable.MANUAL_REVIEW_QUEUE)
              .select(col("order_id"), col("reason"), col("allocation_version").cast("string")));
      assertSameRows(
          Rows.table(
              spark,
              "symbol  | mode | buys | sells | allocations | unmatched_sells | total_pnl | status",
              "BTC-USD | full | 2    | 1     | 2           | 0               | 217.6     | succeeded",
              "ETH-USD | full | 1    | 1     | 2           | 1               | 1.8       | succeeded"),
          temp.lake()
              .read(LakeTable.FIFO_COMPUTATION_LOG)
              .select(
                  col("symbol"),
                  col("mode"),
                  col("buys").cast("string"),
                  col("sells").cast("string"),
                  col("allocations").cast("string"),
                  col("unmatched_sells").cast("string"),
                  plain("total_pnl", "total_pnl"),
                  col("status")));
    }
  }

  @Test
  void refusesAnExistingVersionUnlessForcedAndRecomputesTheSameRows(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      allocate(temp.lake(), 1, null, Set.of(), false);
      Dataset<Row> before = allocations(temp.lake(), 1).localCheckpoint();

      PipelineException refused =
          assertThrows(
              PipelineException.class, () -> allocate(temp.lake(), 1, null, Set.of(), false));
      assertEquals(ExitCode.USAGE, refused.exitCode());
      assertTrue(refused.getMessage().contains("--force"), refused.getMessage());

      allocate(temp.lake(), 1, null, Set.of(), true);
      assertSameRows(before, allocations(temp.lake(), 1));
      assertEquals(
          4, temp.lake().read(LakeTable.FIFO_ALLOCATIONS).count(), "replaced, not appended");
    }
  }

  @Test
  void versionsAreIndependentAndCarryTheirMethod(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      allocate(temp.lake(), 1, null, Set.of(), false);
      allocate(temp.lake(), 2, MatchingMethod.LIFO, Set.of(), false);

      assertSameRows(
          Rows.table(
              spark,
              "method | sell | buy  | size | cost  | proceeds | pnl",
              "lifo   | S1   | B2   | 5    | 550.5 | 599.5    | 49",
              "lifo   | S1   | B1   | 7    | 700.7 | 839.3    | 138.6",
              "lifo   | E2   | E1   | 1    | 10.1  | 11.9     | 1.8",
              "lifo   | E2   | null | 2    | null  | 23.8     | null"),
          allocations(temp.lake(), 2));
      assertEquals(4, allocations(temp.lake(), 1).filter(col("method").equalTo("fifo")).count());

      PipelineException mismatch =
          assertThrows(
              PipelineException.class,
              () -> allocate(temp.lake(), 2, MatchingMethod.HIFO, Set.of("BTC-USD"), true));
      assertEquals(ExitCode.USAGE, mismatch.exitCode());
    }
  }

  @Test
  void symbolsRecomputeOnlyThoseSymbols(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      AllocateResult first = allocate(temp.lake(), 1, null, Set.of(), false);

      AllocateResult second = allocate(temp.lake(), 1, null, Set.of("ETH-USD"), true);

      assertEquals(1, second.symbols());
      Dataset<Row> batches =
          temp.lake().read(LakeTable.FIFO_ALLOCATIONS).select("symbol", "batch_id").distinct();
      assertSameRows(
          Rows.table(
              spark,
              "symbol | batch_id",
              "BTC-USD | " + first.batchId(),
              "ETH-USD | " + second.batchId()),
          batches);
      PipelineException unknown =
          assertThrows(
              PipelineException.class,
              () -> allocate(temp.lake(), 1, null, Set.of("DOGE-USD"), true));
      assertTrue(unknown.getMessage().contains("DOGE-USD"), unknown.getMessage());
    }
  }

  @Test
  void aFailingSymbolIsLoggedAndDoesNotTouchTheOthers(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      // 10^11 x 10^11 does not fit DECIMAL(38,18): BIG-USD fails after its first allocation (X0S)
      // was already emitted, and that row must not stay either
      Ledgers.ingest(
          temp,
          Ledgers.csv(
              "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
              "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,4,0",
              "X0,BIG-USD,buy,2024-12-30T00:00:00Z,1,1,0",
              "X0S,BIG-USD,sell,2024-12-31T00:00:00Z,2,1,0",
              "X1,BIG-USD,buy,2025-01-01T00:00:00Z,99999999999,99999999999,0",
              "X2,BIG-USD,sell,2025-01-02T00:00:00Z,1,99999999999,0"));

      AllocateResult result = allocate(temp.lake(), 1, null, Set.of(), false);

      assertEquals(java.util.List.of("BIG-USD"), result.failed());
      assertEquals(Set.of("BTC-USD"), symbols(temp.lake().read(LakeTable.FIFO_ALLOCATIONS)));
      assertEquals(Set.of("BTC-USD"), symbols(temp.lake().read(LakeTable.FIFO_INVENTORY_SNAPSHOT)));
      Row failed =
          temp.lake()
              .read(LakeTable.FIFO_COMPUTATION_LOG)
              .filter(col("symbol").equalTo("BIG-USD"))
              .select("status", "error")
              .first();
      assertEquals("failed", failed.getString(0));
      assertTrue(failed.getString(1).contains("does not fit DECIMAL(38,18)"), failed.getString(1));
      assertEquals(
          1,
          temp.lake()
              .read(LakeTable.MANUAL_REVIEW_QUEUE)
              .filter(
                  col("reason").equalTo("allocation_failed").and(col("symbol").equalTo("BIG-USD")))
              .count());
    }
  }

  @Test
  void arrivalOrderOfTheLedgerDoesNotChangeAllocations(SparkSession spark) {
    try (TempLake inOrder = new TempLake();
        TempLake shuffled = new TempLake()) {
      String[] rows = {
        "A1,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0.1",
        "A2,BTC-USD,buy,2025-01-01T00:00:00Z,101,1,0.1",
        "A3,BTC-USD,sell,2025-01-01T00:00:00Z,102,1.5,0.2",
        "A4,BTC-USD,buy,2025-01-02T00:00:00Z,90,2,0.1",
        "A5,BTC-USD,sell,2025-01-03T00:00:00Z,95,2,0.2"
      };
      Ledgers.ingest(inOrder, Ledgers.csv(rows));
      // the late import: the sell arrives first, its buys in a second batch
      Ledgers.ingest(shuffled, Ledgers.csv(rows[4], rows[2]));
      Ledgers.ingest(shuffled, Ledgers.csv(rows[3], rows[1], rows[0]));

      allocate(inOrder.lake(), 1, null, Set.of(), false);
      allocate(shuffled.lake(), 1, null, Set.of(), false);

      assertSameRows(allocations(inOrder.lake(), 1), allocations(shuffled.lake(), 1));
    }
  }

  @Test
  void lotsAreKeptPerAccountWhenTheLedgerHasAccounts(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(
          temp,
          "order_id,account,symbol,side,order_time,price,size,fees\n"
              + "A1,alice,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0\n"
              + "B1,bob,BTC-USD,buy,2025-01-02T00:00:00Z,200,1,0\n"
              + "A2,alice,BTC-USD,sell,2025-01-03T00:00:00Z,300,1,0\n"
              + "B2,bob,BTC-USD,sell,2025-01-04T00:00:00Z,300,2,0\n");

      allocate(temp.lake(), 1, null, Set.of(), false);

      // one symbol, but bob's sell never takes alice's lot
      assertSameRows(
          Rows.table(
              spark,
              "account | sell | buy  | size | pnl",
              "alice   | A2   | A1   | 1    | 200",
              "bob     | B2   | B1   | 1    | 100",
              "bob     | B2   | null | 1    | null"),
          temp.lake()
              .read(LakeTable.FIFO_ALLOCATIONS)
              .select(
                  col("account"),
                  col("sell_order_id").as("sell"),
                  col("buy_order_id").as("buy"),
                  plain("allocated_size", "size"),
                  plain("pnl", "pnl")));
      assertEquals(
          2,
          temp.lake()
              .read(LakeTable.FIFO_COMPUTATION_LOG)
              .select("account", "symbol")
              .distinct()
              .count());
    }
  }

  @Test
  void aScheduleByYearAndAccountIsRecordedWithTheVersionAndValidatedWithIt(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(
          temp,
          "order_id,account,symbol,side,order_time,price,size,fees\n"
              + "C1,coinbase,BTC-USD,buy,2024-03-01T12:00:00Z,100,1,0\n"
              + "C2,coinbase,BTC-USD,buy,2024-06-01T12:00:00Z,150,1,0\n"
              + "C3,coinbase,BTC-USD,buy,2024-09-01T12:00:00Z,200,1,0\n"
              // Dec 31, 23:30 in New York: still 2024, FIFO
              + "CS1,coinbase,BTC-USD,sell,2025-01-01T04:30:00Z,300,1,0\n"
              // Jan 1, 00:30 in New York: 2025, HIFO
              + "CS2,coinbase,BTC-USD,sell,2025-01-01T05:30:00Z,300,1,0\n"
              + "K1,kraken,BTC-USD,buy,2024-03-01T12:00:00Z,100,1,0\n"
              + "K2,kraken,BTC-USD,buy,2024-06-01T12:00:00Z,200,1,0\n"
              + "KS1,kraken,BTC-USD,sell,2025-02-01T12:00:00Z,300,1,0\n");
      String label = "fifo;2025=hifo;kraken:lifo";
      ZoneId newYork = ZoneId.of("America/New_York");

      allocateScheduled(temp.lake(), label, Set.of(), null, false, newYork);

      assertSameRows(
          Rows.table(
              spark,
              "method | account  | sell | buy | pnl",
              label + " | coinbase | CS1  | C1  | 200",
              label + " | coinbase | CS2  | C3  | 100",
              label + " | kraken   | KS1  | K2  | 100"),
          temp.lake()
              .read(LakeTable.FIFO_ALLOCATIONS)
              .select(
                  col("method"),
                  col("account"),
                  col("sell_order_id").as("sell"),
                  col("buy_order_id").as("buy"),
                  plain("pnl", "pnl")));
      assertEquals(
          List.of(label),
          temp.lake()
              .read(LakeTable.FIFO_COMPUTATION_LOG)
              .select("method")
              .distinct()
              .as(Encoders.STRING())
              .collectAsList());
      assertTrue(new ValidateJob(temp.lake(), 1).run().ok(), "re-matched with the schedule");

      PipelineException other =
          assertThrows(
              PipelineException.class,
              () ->
                  allocateScheduled(
                      temp.lake(), "fifo;2025=lifo", Set.of("BTC-USD"), null, true, newYork));
      assertEquals(ExitCode.USAGE, other.exitCode());
      assertEquals(
          "Cannot allocate version 1 with fifo;2025=lifo: it was computed with "
              + label
              + " and the method is part of a version (recompute it all with --force"
              + " --method-schedule 'fifo;2025=lifo', or use a new --version)",
          other.getMessage());

      // an incremental run without a schedule keeps the version's own
      AllocateResult incremental =
          allocateScheduled(temp.lake(), null, Set.of(), Ledgers.CLOCK.instant(), false, newYork);
      assertEquals(label, incremental.method());
      assertTrue(new ValidateJob(temp.lake(), 1).run().ok());
      assertEquals(3, allocations(temp.lake(), 1).filter(col("method").equalTo(label)).count());
    }
  }

  private static AllocateResult allocateScheduled(
      Lake lake,
      String schedule,
      Set<String> symbols,
      java.time.Instant since,
      boolean force,
      ZoneId zone) {
    return new AllocateJob(
            lake,
            new AllocateRequest(
                1, schedule == null ? null : MethodSchedule.parse(schedule), symbols, since, force),
            MatchingRules.DEFAULT_DUST,
            zone,
            Ledgers.CLOCK)
        .run();
  }

  private static Set<String> symbols(Dataset<Row> rows) {
    return Set.copyOf(
        rows.select("symbol")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
  }
}
