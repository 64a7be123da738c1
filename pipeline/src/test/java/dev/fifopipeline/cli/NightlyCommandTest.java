package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** nightly with a database: publishes a valid version, never an invalid one. */
@Tag("database")
class NightlyCommandTest {
  @Test
  void aVersionThatBreaksAnInvariantIsNotPublishedAndExits1() throws Exception {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    try (TempLake temp = new TempLake()) {
      // 10^11 x 10^11 overflows DECIMAL(38,18): BIG-USD fails, so its sells are unallocated
      temp.file(
          "ledger.csv",
          Ledgers.csv(
              "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
              "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,4,0",
              "X1,BIG-USD,buy,2025-01-01T00:00:00Z,99999999999,99999999999,0",
              "X2,BIG-USD,sell,2025-01-02T00:00:00Z,1,99999999999,0"));
      Cli cli =
          new Cli(
              temp.folder(),
              Map.of(
                  "FIFO_LAKE_PATH",
                  "lake",
                  "FIFO_SOURCE_PATH",
                  "ledger.csv",
                  "FIFO_SINK_JDBC_URL",
                  db.url(),
                  "FIFO_SINK_JDBC_USER",
                  db.user()));

      Cli.Run run = cli.run("nightly");

      assertEquals(1, run.exit(), run.toString());
      assertTrue(run.out().contains("invariant 1"), run.out());
      assertTrue(run.out().contains("BIG-USD"), run.out());
      assertFalse(run.out().contains("publish v1"), run.out());
      assertTrue(run.err().startsWith("Cannot validate version 1"), run.err());
      try (Connection c = TestDatabase.connect(db);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT to_regclass('public.fifo_allocations')")) {
        rs.next();
        assertEquals(null, rs.getString(1), "nothing was published");
      }
    }
  }
}
