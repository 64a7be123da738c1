package dev.fifopipeline.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SettingsLoader;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** reconcile with every kind of difference, in both export layouts, and both backfill targets. */
@ExtendWith(SharedSpark.class)
@Tag("database")
class ReconcileJobTest {
  static final String LEDGER =
      Ledgers.csv(
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
          "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2",
          "E1,ETH-USD,buy,2025-01-01T06:00:00Z,10,1,0.1",
          "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3",
          "Z1,ZEC-USD,buy,2025-01-02T00:00:00Z,30,1,0");

  /** Coinbase's fills export: B1 in two fills, S1 exact, E1 with another size, M1 missing. */
  static final String COINBASE =
      String.join(
          "\n",
          "portfolio,trade id,product,side,created at,size,size unit,price,fee,total,price/fee/total unit",
          "default,101,BTC-USD,BUY,2025-01-01T00:00:00.120Z,4,BTC,100,0.4,-400.4,USD",
          "default,102,BTC-USD,BUY,2025-01-01T00:00:00.480Z,6,BTC,100,0.6,-600.6,USD",
          "default,103,BTC-USD,SELL,2025-01-03T00:00:00.000Z,12,BTC,120,1.2,1438.8,USD",
          "default,104,ETH-USD,BUY,2025-01-01T06:00:00.000Z,1.5,ETH,10,0.15,-15.15,USD",
          "default,105,BTC-USD,BUY,2025-01-02T12:00:00.000Z,2,BTC,105,0.21,-210.21,USD",
          "default,106,ETH-USD,BUY,2025-01-02T13:00:00.000Z,abc,ETH,10,0,0,USD",
          "default,107,ETH-USD,SELL,2025-01-02T14:00:00.000Z,-1,ETH,10,0,0,USD",
          "");

  private static Settings settings(TempLake temp, Map<String, String> sets) {
    Map<String, String> all = new LinkedHashMap<>(sets);
    all.put("lake.path", temp.lake().root());
    return SettingsLoader.load(new SettingsLoader.Request(null, all, Map.of(), temp.folder()));
  }

  @Test
  void findsMissingExtraAndMismatchedFillsAndBackfillsTheMissingIntoTheLake() throws Exception {
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      Path fills = temp.file("fills.csv", COINBASE);
      Path listing = temp.folder().resolve("out/reconcile.csv");

      ReconcileResult result =
          new ReconcileJob(
                  temp.lake(),
                  settings(temp, Map.of()),
                  fills.toString(),
                  listing,
                  true,
                  Ledgers.CLOCK)
              .run();

      assertEquals("symbol, side and second", result.matchedOn());
      assertEquals(7, result.fills());
      assertEquals(2, result.unreadable(), "size abc, and size -1");
      assertEquals(1, result.missing(), result.summary()); // fill 105
      assertEquals(1, result.extra(), result.summary()); // E2: in the window, not in the export
      assertEquals(1, result.mismatched(), result.summary()); // E1: 1.5 vs 1
      assertEquals(1, result.backfilled());
      List<String> lines = Files.readAllLines(listing);
      assertTrue(
          lines.get(0).startsWith("kind,key,order_id,symbol,fill_side,ledger_side"), lines.get(0));
      assertTrue(
          lines.stream()
              .anyMatch(
                  l -> l.startsWith("mismatched,") && l.contains("size 1.5 vs 1 in the ledger")),
          lines.toString());
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith("extra,") && l.contains("E2")),
          lines.toString());
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith("unreadable,") && l.contains("106")),
          lines.toString());
      assertEquals(6, lines.size(), "header and five differences");

      Row backfilled =
          temp.lake()
              .read(LakeTable.TRADE_RECORDS)
              .filter(col("source").equalTo("backfill"))
              .first();
      assertEquals("coinbase-fill-105", backfilled.getAs("order_id"));
      assertEquals("BTC-USD", backfilled.getAs("symbol"));
      assertEquals(0, new java.math.BigDecimal("2").compareTo(backfilled.getAs("size")));

      ReconcileResult again =
          new ReconcileJob(
                  temp.lake(),
                  settings(temp, Map.of()),
                  fills.toString(),
                  listing,
                  false,
                  Ledgers.CLOCK)
              .run();
      assertEquals(0, again.missing(), "the backfilled fill is in the ledger now");
    }
  }

  @Test
  void matchesOnOrderIdsAndBackfillsIntoTheBotsTable() throws Exception {
    JdbcSettings db = TestDatabase.freshDatabase("bot_trades");
    TestDatabase.execute(
        db,
        "CREATE TABLE bot_trades (id text PRIMARY KEY, pair text, side text, filled_at timestamptz,"
            + " price numeric, size numeric, fees numeric, ingested_at timestamptz, source text)");
    try (TempLake temp = new TempLake()) {
      Ledgers.ingest(temp, LEDGER);
      Path fills =
          temp.file(
              "fills.csv",
              Ledgers.csv(
                  "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
                  "S1,BTC-USD,sell,2025-01-03T00:00:00Z,121,12,1.2",
                  "N1,ETH-USD,sell,2025-01-02T01:00:00Z,12.5,1,0.1"));
      Map<String, String> jdbc = new LinkedHashMap<>();
      jdbc.put("source.kind", "jdbc");
      jdbc.put("source.jdbc.url", db.url());
      jdbc.put("source.jdbc.user", db.user());
      jdbc.put("source.jdbc.table", "bot_trades");
      jdbc.put("source.columns.order_id", "id");
      jdbc.put("source.columns.symbol", "pair");
      jdbc.put("source.columns.order_time", "filled_at");

      ReconcileResult result =
          new ReconcileJob(
                  temp.lake(),
                  settings(temp, jdbc),
                  fills.toString(),
                  temp.folder().resolve("listing.csv"),
                  true,
                  Ledgers.CLOCK)
              .run();

      assertEquals("order_id", result.matchedOn());
      assertEquals(1, result.missing());
      assertEquals(1, result.mismatched(), "S1's price");
      assertEquals(2, result.extra(), "E1 and E2 lie in the export's window and symbols");
      try (Connection c = TestDatabase.connect(db);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, pair, side, price, source FROM bot_trades")) {
        assertTrue(rs.next());
        assertEquals(
            "N1|ETH-USD|sell|12.5|backfill",
            rs.getString(1)
                + "|"
                + rs.getString(2)
                + "|"
                + rs.getString(3)
                + "|"
                + rs.getBigDecimal(4).stripTrailingZeros().toPlainString()
                + "|"
                + rs.getString(5));
      }
    }
  }
}
