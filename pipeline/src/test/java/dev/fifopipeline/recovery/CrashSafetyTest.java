package dev.fifopipeline.recovery;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.publish.PublishJob;
import dev.fifopipeline.report.Prices;
import dev.fifopipeline.report.ReportJob;
import dev.fifopipeline.report.ReportKind;
import dev.fifopipeline.report.ReportRequest;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.SimulatedCrash;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run killed at a chosen point leaves the lake and the database as they were before it, and the
 * next run completes the work: the end state equals that of a run that was never interrupted. (A
 * real SIGKILL of the launcher is in OperationsIT.)
 */
@ExtendWith(SharedSpark.class)
@Tag("database")
class CrashSafetyTest {
  static final String BATCH_A =
      Ledgers.csv(
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
          "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2",
          "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0.1",
          "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3");
  // the late buy B0 comes before S1 and changes its matches; ETH and SOL gain trades
  static final String BATCH_B =
      Ledgers.csv(
          "B0,BTC-USD,buy,2024-12-31T00:00:00Z,90,5,0.5",
          "E3,ETH-USD,buy,2025-01-03T00:00:00Z,11,2,0",
          "X1,SOL-USD,buy,2025-01-05T00:00:00Z,150,1,0.1",
          "X2,SOL-USD,sell,2025-01-06T00:00:00Z,160,1,0.1");

  static final Clock DAY_1 = Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC);
  static final Clock DAY_2 = Clock.fixed(Instant.parse("2025-02-02T00:00:00Z"), ZoneOffset.UTC);

  private static List<String> reference;
  private static TempLake afterA;
  private static JdbcSettings afterADatabase;

  /** A or B, then allocate and publish, as nightly does, each step on its own. */
  static void run(TempLake temp, JdbcSettings db, String batch, Clock clock) {
    Ledgers.ingest(temp, batch, clock);
    allocateAndPublish(temp, db, clock);
  }

  static void allocateAndPublish(TempLake temp, JdbcSettings db, Clock clock) {
    Lake lake = temp.lake();
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    Instant since = catalog.ledgerThrough(1).map(t -> t.plusNanos(1000)).orElse(null);
    new AllocateJob(
            lake,
            new AllocateRequest(1, null, Set.of(), since, false),
            MatchingRules.DEFAULT_DUST,
            ZoneId.of("UTC"),
            clock)
        .run();
    new PublishJob(lake, db, 1).run();
  }

  static List<String> allocations(Lake lake) {
    List<String> rows = new ArrayList<>();
    lake.read(LakeTable.FIFO_ALLOCATIONS)
        .select(
            col("sell_order_id"),
            col("buy_order_id"),
            Columns.plain(col("allocated_size")),
            Columns.plain(col("pnl")))
        .orderBy("sell_order_id", "buy_order_id")
        .collectAsList()
        .forEach(r -> rows.add(r.mkString("|")));
    rows.sort(null);
    return rows;
  }

  static Map<String, Long> tableCounts(Lake lake) {
    Map<String, Long> counts = new TreeMap<>();
    for (LakeTable t :
        List.of(
            LakeTable.TRADE_RECORDS,
            LakeTable.FIFO_ALLOCATIONS,
            LakeTable.FIFO_INVENTORY_SNAPSHOT,
            LakeTable.FIFO_COMPUTATION_LOG,
            LakeTable.MANUAL_REVIEW_QUEUE)) {
      counts.put(t.tableName(), lake.read(t).count());
    }
    counts.put("allocations pnl hash", (long) allocations(lake).hashCode());
    return counts;
  }

  static List<String> published(JdbcSettings db) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestDatabase.connect(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sell_order_id, coalesce(buy_order_id, 'null'), allocated_size, pnl FROM fifo_allocations ORDER BY 1, 2")) {
      while (rs.next()) {
        rows.add(
            rs.getString(1)
                + "|"
                + ("null".equals(rs.getString(2)) ? "null" : rs.getString(2))
                + "|"
                + rs.getBigDecimal(3).stripTrailingZeros().toPlainString()
                + "|"
                + (rs.getBigDecimal(4) == null
                    ? "null"
                    : rs.getBigDecimal(4).stripTrailingZeros().toPlainString()));
      }
    }
    return rows;
  }

  /** Batch A run once; every case starts from a copy of its lake and database. */
  @BeforeAll
  static void uninterrupted() {
    afterADatabase = TestDatabase.freshDatabase("trade_records");
    afterA = new TempLake();
    run(afterA, afterADatabase, BATCH_A, DAY_1);
    JdbcSettings db = TestDatabase.copyOf(afterADatabase);
    try (TempLake temp = TempLake.copyOf(afterA)) {
      run(temp, db, BATCH_B, DAY_2);
      reference = allocations(temp.lake());
    }
  }

  @AfterAll
  static void cleanUp() {
    afterA.close();
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(
      strings = {"ingest.after-ledger", "allocate.after-inventory", "publish.before-commit"})
  void theNextRunCompletesWhatAKilledRunLeft(String point) throws Exception {
    JdbcSettings db = TestDatabase.copyOf(afterADatabase);
    try (TempLake temp = TempLake.copyOf(afterA)) {
      boolean inIngest = point.startsWith("ingest");
      if (!inIngest) {
        Ledgers.ingest(temp, BATCH_B, DAY_2); // the step before the one that dies
      }
      Map<String, Long> lakeBefore = tableCounts(temp.lake());
      List<String> dbBefore = published(db);

      try (TempLake.Armed crash = temp.crashAt(point)) {
        assertThrows(
            SimulatedCrash.class,
            () -> {
              if (inIngest) {
                run(temp, db, BATCH_B, DAY_2);
              } else {
                allocateAndPublish(temp, db, DAY_2);
              }
            });
      }

      assertEquals(dbBefore, published(db), "the database is as it was before");
      boolean interrupted = temp.lake().hasInterruptedRun();
      assertEquals(
          !point.startsWith("publish"), interrupted, "the lake knows a run died mid-write");
      temp.lake().undoInterruptedRun();
      if (!point.startsWith("publish")) {
        assertEquals(lakeBefore, tableCounts(temp.lake()), "the lake is as it was before");
      }

      run(temp, db, BATCH_B, DAY_2); // the next nightly: ingest finds B unchanged or new
      assertEquals(reference, allocations(temp.lake()), "the next run completes the work");
      assertEquals(reference, published(db));
      assertTrue(!temp.lake().hasInterruptedRun());
    }
  }

  /**
   * A report right after an allocate killed mid-write reports the version as it was before that
   * run: like every writing command, it undoes the interrupted run before it reads.
   */
  @Test
  void aReportAfterAKilledAllocateReportsTheVersionAsItWasBefore() {
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      Ledgers.ingest(temp, Ledgers.FIFO_OR_LIFO, DAY_1);
      allocate(lake, null, false);
      List<String> fifo = allocations(lake);

      try (TempLake.Armed crash = temp.crashAt("allocate.after-allocations")) {
        assertThrows(
            SimulatedCrash.class,
            () -> allocate(lake, MethodSchedule.of(MatchingMethod.LIFO), true));
      }
      assertTrue(lake.hasInterruptedRun());
      assertNotEquals(fifo, allocations(lake), "the killed run's LIFO rows are in the table");

      new ReportJob(
              lake,
              new ReportRequest(
                  1, ReportKind.PNL, null, temp.folder().resolve("reports"), Prices.none()),
              ZoneId.of("UTC"),
              DAY_2)
          .run();
      assertFalse(lake.hasInterruptedRun());
      assertEquals(fifo, allocations(lake));
      assertEquals(
          0,
          new BigDecimal("200")
              .compareTo(
                  lake.read(LakeTable.PNL_BY_SYMBOL)
                      .agg(sum("realized_pnl"))
                      .first()
                      .getDecimal(0)),
          "the report's pnl is FIFO's");
    }
  }

  private static void allocate(Lake lake, MethodSchedule schedule, boolean force) {
    new AllocateJob(
            lake,
            new AllocateRequest(1, schedule, Set.of(), null, force),
            MatchingRules.DEFAULT_DUST,
            ZoneId.of("UTC"),
            DAY_1)
        .run();
  }
}
