package dev.fifopipeline.ingest;

import static dev.fifopipeline.testing.DataFrames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL source on a real server, with a table whose columns are named differently. */
@ExtendWith(SharedSpark.class)
@Tag("database")
class JdbcIngestTest {
  private static SourceSettings source(JdbcSettings jdbc, Map<String, String> mapping) {
    Map<String, String> columns = new HashMap<>(Ledgers.csvSource("unused").columns());
    columns.putAll(mapping);
    return new SourceSettings(SourceKind.JDBC, "", ",", jdbc, columns, Ledgers.CLOCK_SKEW);
  }

  @Test
  void readsAMappedTableInParallelAndQuarantinesItsBadRows(SparkSession spark) {
    JdbcSettings db = TestDatabase.freshDatabase("bot_fills");
    TestDatabase.execute(
        db,
        "CREATE TABLE bot_fills (fill_id text PRIMARY KEY, pair text, direction text,"
            + " filled_at timestamptz, px numeric, qty numeric, fee numeric, landed_at timestamptz)",
        "INSERT INTO bot_fills VALUES"
            + " ('B1', 'btc/usd', 'BUY', '2025-01-01 00:00:00+00', 100, 10, 1, '2025-01-01 00:00:05+00'),"
            + " ('B2', 'BTC-USD', 'buy', '2025-01-02 01:00:00+01', 110, 5.50, 0.5, '2025-01-02 00:00:05+00'),"
            + " ('S1', 'BTC-USD', 'sell', '2025-01-03 00:00:00+00', 120, 12, NULL, '2025-01-03 00:00:05+00'),"
            + " ('X1', 'BTC-USD', 'sell', '2025-01-03 00:00:00+00', -5, 1, 0, '2025-01-03 00:00:05+00'),"
            + " ('X2', 'BTC-USD', 'short', '2025-01-03 00:00:00+00', 5, 1, 0, '2025-01-03 00:00:05+00')");
    JdbcSettings parallel =
        new JdbcSettings(
            db.url(),
            db.user(),
            db.password(),
            "bot_fills",
            2,
            3,
            "public",
            java.time.Duration.ofMinutes(10));
    Map<String, String> mapping =
        Map.of(
            "order_id", "fill_id",
            "symbol", "pair",
            "side", "direction",
            "order_time", "filled_at",
            "price", "px",
            "size", "qty",
            "fees", "fee",
            "ingested_at", "landed_at");

    try (TempLake temp = new TempLake()) {
      IngestResult result =
          new IngestJob(temp.lake(), source(parallel, mapping), Ledgers.CLOCK).run();

      assertEquals(5, result.read());
      assertEquals(3, result.inserted());
      assertEquals(2, result.quarantined());
      assertEquals(Map.of("invalid_price", 1L, "unknown_side", 1L), result.reasons());
      assertSameRows(
          Rows.table(
              spark,
              "order_id | symbol  | side | order_time           | size | fees | ingested_at",
              "B1       | BTC-USD | buy  | 2025-01-01T00:00:00Z | 10   | 1    | 2025-01-01T00:00:05Z",
              "B2       | BTC-USD | buy  | 2025-01-02T00:00:00Z | 5.5  | 0.5  | 2025-01-02T00:00:05Z",
              "S1       | BTC-USD | sell | 2025-01-03T00:00:00Z | 12   | 0    | 2025-01-03T00:00:05Z"),
          temp.lake()
              .read(LakeTable.TRADE_RECORDS)
              .select(
                  col("order_id"),
                  col("symbol"),
                  col("side"),
                  org.apache
                      .spark
                      .sql
                      .functions
                      .date_format(col("order_time"), "yyyy-MM-dd'T'HH:mm:ss'Z'")
                      .as("order_time"),
                  Columns.plain(col("size")).as("size"),
                  Columns.plain(col("fees")).as("fees"),
                  org.apache
                      .spark
                      .sql
                      .functions
                      .date_format(col("ingested_at"), "yyyy-MM-dd'T'HH:mm:ss'Z'")
                      .as("ingested_at")));
    }
  }

  @Test
  void readsOnlyRowsIngestedSinceTheWatermarkMinusTheOverlapAndAllWithFull(SparkSession spark) {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    TestDatabase.execute(
        db,
        "CREATE TABLE trade_records (order_id text, symbol text, side text, order_time timestamptz,"
            + " price numeric, size numeric, fees numeric, ingested_at timestamptz)",
        "INSERT INTO trade_records VALUES"
            + " ('A1', 'BTC-USD', 'buy', '2025-01-01 00:00:00+00', 100, 1, 0, '2025-03-01 12:00:00+00'),"
            + " ('A2', 'BTC-USD', 'sell', '2025-01-02 00:00:00+00', 110, 1, 0, '2025-03-01 12:00:00+00')");
    SourceSettings source = source(db, Map.of());
    try (TempLake temp = new TempLake()) {
      assertEquals(2, new IngestJob(temp.lake(), source, Ledgers.CLOCK).run().inserted());
      TestDatabase.execute(
          db,
          "INSERT INTO trade_records VALUES"
              // landed within the 10-minute overlap: re-read, found new
              + " ('B1', 'ETH-USD', 'buy', '2025-01-01 00:00:00+00', 10, 1, 0, '2025-03-01 11:55:00+00'),"
              // landed long before the watermark: an incremental read does not see it
              + " ('B2', 'ETH-USD', 'buy', '2025-01-01 00:00:00+00', 10, 1, 0, '2025-02-01 00:00:00+00'),"
              + " ('B3', 'ETH-USD', 'sell', '2025-01-03 00:00:00+00', 12, 2, 0, '2025-03-02 00:00:00+00')");

      IngestResult incremental = new IngestJob(temp.lake(), source, Ledgers.CLOCK).run();
      assertEquals(4, incremental.read(), "A1, A2 (at the watermark), B1 (in the overlap), B3");
      assertEquals(2, incremental.inserted());

      IngestResult full = new IngestJob(temp.lake(), source, Ledgers.CLOCK, true).run();
      assertEquals(5, full.read());
      assertEquals(1, full.inserted(), "B2");
    }
  }

  @Test
  void aMissingMappedColumnIsAUsageErrorNamingIt() {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    TestDatabase.execute(
        db,
        "CREATE TABLE trade_records (order_id text, symbol text, side text, order_time timestamptz, price numeric)");
    try (TempLake temp = new TempLake()) {
      PipelineException e =
          assertThrows(
              PipelineException.class,
              () -> new IngestJob(temp.lake(), source(db, Map.of()), Ledgers.CLOCK).run());
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(e.getMessage().contains("no column 'size'"), e.getMessage());
    }
  }

  @Test
  void anUnreachableDatabaseIsAnEnvironmentError() {
    JdbcSettings nowhere =
        new JdbcSettings(
            "jdbc:postgresql://127.0.0.1:1/bot?connectTimeout=2&password=hunter2",
            "bot",
            new dev.fifopipeline.config.Secret("s3cret"),
            "trade_records",
            1000,
            1,
            "public",
            java.time.Duration.ofMinutes(10));
    try (TempLake temp = new TempLake()) {
      PipelineException e =
          assertThrows(
              PipelineException.class,
              () -> new IngestJob(temp.lake(), source(nowhere, Map.of()), Ledgers.CLOCK).run());
      assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
      assertTrue(
          e.getMessage().startsWith("Cannot connect to jdbc:postgresql://127.0.0.1:1/bot"),
          e.getMessage());
      assertTrue(
          !e.getMessage().contains("hunter2") && !e.getMessage().contains("s3cret"),
          e.getMessage());
    }
  }
}
