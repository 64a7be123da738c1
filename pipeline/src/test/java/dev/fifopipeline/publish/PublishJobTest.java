package dev.fifopipeline.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.SimulatedCrash;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** publish against a real PostgreSQL. */
@ExtendWith(SharedSpark.class)
@Tag("database")
class PublishJobTest {
  static final String LEDGER = Ledgers.BASIC;

  static void allocate(
      Lake lake, int version, MatchingMethod method, Set<String> symbols, boolean force) {
    Ledgers.allocate(lake, version, method, symbols, force);
  }

  static String query(JdbcSettings db, String sql) throws Exception {
    try (Connection c = TestDatabase.connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          cells.add(
              v instanceof BigDecimal d
                  ? d.stripTrailingZeros().toPlainString()
                  : String.valueOf(v));
        }
        rows.add(String.join("|", cells));
      }
      return String.join("\n", rows);
    }
  }

  @Test
  void publishesTablesAndViewsInOneGoAndAgainChangesNothing() throws Exception {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    TestDatabase.execute(
        db,
        "CREATE TABLE trade_records (order_id text PRIMARY KEY, symbol text, side text, order_time timestamptz, price numeric, size numeric)",
        "INSERT INTO trade_records VALUES ('B1', 'BTC-USD', 'buy', '2025-01-01T00:00:00Z', 100, 10)");
    String botTable = query(db, "SELECT md5(string_agg(t::text, ',')) FROM trade_records t");
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      allocate(temp.lake(), 1, null, Set.of(), false);

      PublishResult first = new PublishJob(temp.lake(), db, 1).run();
      assertEquals("full", first.mode());
      assertEquals(4, first.allocations());
      assertEquals(1, first.inventoryLots());
      assertEquals(1, first.reviewRows());
      assertEquals(2, first.logRows());

      assertEquals(
          "S1|B1|198\nS1|B2|19.6",
          query(
              db,
              "SELECT sell_order_id, buy_order_id, pnl FROM fifo_allocations WHERE symbol = 'BTC-USD' ORDER BY 2"));
      assertEquals(
          "1|fifo|4|3|1|2|219.4",
          query(
              db,
              "SELECT allocation_version, method, total_allocations, matched_allocations, unmatched_sells, symbols, total_pnl FROM v_allocation_health"));
      assertEquals(
          "E2|2|23.8",
          query(db, "SELECT sell_order_id, unmatched_size, proceeds FROM v_unmatched_sells"));
      assertEquals(
          "BTC-USD|217.6\nETH-USD|1.8",
          query(db, "SELECT symbol, realized_pnl FROM v_pnl_by_symbol ORDER BY symbol"));

      PublishResult again = new PublishJob(temp.lake(), db, 1).run();
      assertEquals(0, again.symbols(), again.summary());
      assertEquals(0, again.allocations());
      assertEquals(
          "4|1|1|2",
          query(
              db,
              "SELECT (SELECT count(*) FROM fifo_allocations), (SELECT count(*) FROM fifo_inventory_snapshot), (SELECT count(*) FROM manual_review_queue), (SELECT count(*) FROM fifo_computation_log)"));
      assertEquals("2", query(db, "SELECT count(*) FROM fifo_publish_log"));

      // a recomputed symbol is the only one replaced; a second version shows its differences
      allocate(temp.lake(), 1, null, Set.of("ETH-USD"), true);
      PublishResult oneSymbol = new PublishJob(temp.lake(), db, 1).run();
      assertEquals("symbols", oneSymbol.mode());
      assertEquals(1, oneSymbol.symbols());
      assertEquals(2, oneSymbol.allocations());
      allocate(temp.lake(), 2, MatchingMethod.LIFO, Set.of(), false);
      new PublishJob(temp.lake(), db, 2).run();
      assertEquals(
          "1|2|S1|217.6|187.6|-30|B1,B2|B1,B2",
          query(
              db,
              "SELECT version_a, version_b, sell_order_id, pnl_a, pnl_b, pnl_difference, buys_a, buys_b FROM v_allocation_discrepancies"));

      assertEquals(
          botTable,
          query(db, "SELECT md5(string_agg(t::text, ',')) FROM trade_records t"),
          "the bot's table is never altered");
    }
  }

  @Test
  void readersSeeTheOldRowsOrTheNewNeverAMixAndACrashLeavesTheOld() throws Exception {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      allocate(temp.lake(), 1, null, Set.of(), false);
      new PublishJob(temp.lake(), db, 1).run();
      String before = query(db, "SELECT count(*), sum(pnl) FROM fifo_allocations");
      allocate(temp.lake(), 1, MatchingMethod.LIFO, Set.of(), true);

      // killed just before COMMIT: the database keeps what it had
      try (TempLake.Armed crash = temp.crashAt("publish.before-commit")) {
        assertThrows(SimulatedCrash.class, () -> new PublishJob(temp.lake(), db, 1).run());
      }
      assertEquals(before, query(db, "SELECT count(*), sum(pnl) FROM fifo_allocations"));

      Set<String> seen = new HashSet<>();
      AtomicBoolean done = new AtomicBoolean();
      Thread reader =
          new Thread(
              () -> {
                try (Connection c = TestDatabase.connect(db);
                    Statement s = c.createStatement()) {
                  while (!done.get()) {
                    try (ResultSet rs =
                        s.executeQuery(
                            "SELECT count(*), sum(pnl), min(method), max(method) FROM fifo_allocations")) {
                      rs.next();
                      seen.add(
                          rs.getLong(1)
                              + "|"
                              + rs.getBigDecimal(2).stripTrailingZeros().toPlainString()
                              + "|"
                              + rs.getString(3)
                              + "|"
                              + rs.getString(4));
                    }
                  }
                } catch (Exception e) {
                  seen.add("reader failed: " + e);
                }
              });
      reader.start();
      new PublishJob(temp.lake(), db, 1).run();
      Thread.sleep(200);
      done.set(true);
      reader.join();
      String after =
          query(db, "SELECT count(*), sum(pnl), min(method), max(method) FROM fifo_allocations");
      assertTrue(seen.contains(after), seen.toString());
      assertEquals(Set.of("4|219.4|fifo|fifo", "4|189.4|lifo|lifo"), seen, "never a mix");
    }
  }

  @Test
  void worksWithALeastPrivilegeRoleAndNamesEnvironmentFaults() throws Exception {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    JdbcSettings writer = TestDatabase.as(db, "fifo_writer", "writer-secret");
    TestDatabase.execute(
        db,
        "CREATE SCHEMA fifo AUTHORIZATION fifo_writer",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        "GRANT CONNECT ON DATABASE "
            + db.url().replaceAll(".*/([^/?]+).*", "$1")
            + " TO fifo_writer");
    JdbcSettings sink =
        new JdbcSettings(
            writer.url(),
            writer.user(),
            writer.password(),
            "",
            1000,
            1,
            "fifo",
            java.time.Duration.ZERO);
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      allocate(temp.lake(), 1, null, Set.of(), false);

      assertEquals(4, new PublishJob(temp.lake(), sink, 1).run().allocations());
      assertEquals("4", query(sink, "SELECT total_allocations FROM fifo.v_allocation_health"));

      JdbcSettings wrongPassword =
          new JdbcSettings(
              writer.url(),
              writer.user(),
              new dev.fifopipeline.config.Secret("nope"),
              "",
              1000,
              1,
              "fifo",
              java.time.Duration.ZERO);
      PipelineException refused =
          assertThrows(
              PipelineException.class, () -> new PublishJob(temp.lake(), wrongPassword, 1).run());
      assertEquals(ExitCode.ENVIRONMENT, refused.exitCode());
      assertTrue(
          refused.getMessage().contains("check the user and the password"), refused.getMessage());
      assertFalse(
          refused.getMessage().contains("nope") || refused.getMessage().contains("writer-secret"),
          refused.getMessage());

      JdbcSettings nowhere =
          new JdbcSettings(
              "jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2",
              "u",
              writer.password(),
              "",
              1000,
              1,
              "fifo",
              java.time.Duration.ZERO);
      PipelineException unreachable =
          assertThrows(
              PipelineException.class, () -> new PublishJob(temp.lake(), nowhere, 1).run());
      assertEquals(ExitCode.ENVIRONMENT, unreachable.exitCode());
      assertTrue(
          unreachable.getMessage().startsWith("Cannot connect to jdbc:postgresql://127.0.0.1:1/x"),
          unreachable.getMessage());

      PipelineException unknown =
          assertThrows(PipelineException.class, () -> new PublishJob(temp.lake(), sink, 5).run());
      assertEquals(ExitCode.USAGE, unknown.exitCode());
      assertEquals(4, temp.lake().read(LakeTable.FIFO_ALLOCATIONS).count());
    }
  }
}
