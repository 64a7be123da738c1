package dev.fifopipeline.ingest;

import static dev.fifopipeline.testing.DataFrames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.sample.GeneratorOptions;
import dev.fifopipeline.sample.LedgerGenerator;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
@Tag("spark")
class IngestJobTest {
  static final String LEDGER =
      String.join(
          "\n",
          "order_id,symbol,side,order_time,price,size,fees,ingested_at,source",
          "B1,btc/usd,BUY,2025-01-01T00:00:00Z,100,10,1,2025-01-01T00:00:05Z,websocket",
          "B2,BTC-USD,buy,2025-01-02 00:00:00,110,5,0.5,2025-01-02T00:00:05Z,websocket",
          "S1,BTC-USD,Sell,2025-01-03T00:00:00Z,120,12,1.2,2025-01-03T00:00:05Z,websocket",
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100.0,10.00,1.000,2025-01-04T00:00:00Z,rest",
          "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,6,0.5,2025-01-05T00:00:00Z,rest",
          " ,BTC-USD,buy,2025-01-01T00:00:00Z,1,1,0,,",
          "X1,BTC-USD,hold,2025-01-01T00:00:00Z,1,1,0,,",
          "X2,BTC-USD,buy,yesterday,1,1,0,,",
          "X3,BTC-USD,buy,2025-01-01T00:00:00Z,-1,1,0,,",
          "X4,BTC-USD,buy,2025-01-01T00:00:00Z,1,abc,0,,",
          "X5,BTCUSD,buy,2025-01-01T00:00:00Z,1,1,0,,",
          "X6,BTC-USD,buy,2025-01-01T00:00:00Z,1,1,-0.1,,",
          "X7,BTC-USD,buy,2025-01-01T00:00:00Z",
          "X8,ETH-USD,buy,2025-01-01T00:00:00Z,1,1,,,");

  static SourceSettings csv(String path) {
    return Ledgers.csvSource(path);
  }

  static SourceSettings parquet(String path) {
    SourceSettings csv = csv(path);
    return new SourceSettings(
        SourceKind.PARQUET, path, ",", csv.jdbc(), csv.columns(), csv.clockSkew());
  }

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void quarantinesEveryBrokenRuleAndKeepsTheFirstOfConflictingRows(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      SourceSettings source = csv(temp.file("ledger.csv", LEDGER).toString());

      IngestResult first = new IngestJob(temp.lake(), source, CLOCK).run();

      assertEquals(14, first.read());
      assertEquals(4, first.inserted()); // B1, B2, S1, X8 (a blank fee is 0)
      assertEquals(1, first.unchanged()); // B1 again: 100.0 = 100, 10.00 = 10
      assertEquals(9, first.quarantined());
      assertEquals(9, first.newReviewRows());

      Dataset<Row> ledger = temp.lake().read(LakeTable.TRADE_RECORDS);
      assertSameRows(
          Rows.table(
              spark,
              "order_id | symbol  | side | order_time          | size | fees | source",
              "B1       | BTC-USD | buy  | 2025-01-01 00:00:00 | 10   | 1    | websocket",
              "B2       | BTC-USD | buy  | 2025-01-02 00:00:00 | 5    | 0.5  | websocket",
              "S1       | BTC-USD | sell | 2025-01-03 00:00:00 | 12   | 1.2  | websocket",
              "X8       | ETH-USD | buy  | 2025-01-01 00:00:00 | 1    | 0    | null"),
          ledger.select(
              col("order_id"),
              col("symbol"),
              col("side"),
              col("order_time").cast("string").as("order_time"),
              Columns.plain(col("size")).as("size"),
              Columns.plain(col("fees")).as("fees"),
              col("source")));

      Dataset<Row> review = temp.lake().read(LakeTable.MANUAL_REVIEW_QUEUE);
      assertSameRows(
          Rows.table(
              spark,
              "order_id | reason",
              "B2       | conflicting_duplicate",
              "null     | blank_order_id",
              "X1       | unknown_side",
              "X2       | invalid_order_time",
              "X3       | invalid_price",
              "X4       | invalid_size",
              "X5       | invalid_symbol",
              "X6       | invalid_fees",
              "X7       | malformed_row"),
          review.select("order_id", "reason"));
      String conflict =
          review.filter(col("order_id").equalTo("B2")).select("details").first().getString(0);
      assertTrue(conflict.contains("size 6 vs 5"), conflict);
    }
  }

  @Test
  void readsParquetWithItsOwnTypes(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      // typed columns as an export would have them: timestamp, double price, decimal size
      String path = temp.folder().resolve("export.parquet").toString();
      spark
          .sql(
              "SELECT 'P1' AS order_id, 'sol/usd' AS symbol, 'BUY' AS side,"
                  + " TIMESTAMP'2025-06-01 12:00:00' AS order_time, CAST(150.25 AS DOUBLE) AS price,"
                  + " CAST(2.5 AS DECIMAL(20,8)) AS size, CAST(NULL AS DOUBLE) AS fees"
                  + " UNION ALL SELECT 'P2', 'SOL-USD', 'sell', TIMESTAMP'2025-06-02 12:00:00',"
                  + " CAST(1.0E-5 AS DOUBLE), CAST(1 AS DECIMAL(20,8)), CAST(0.01 AS DOUBLE)")
          .write()
          .parquet(path);
      SourceSettings parquet = parquet(path);

      IngestResult result = new IngestJob(temp.lake(), parquet, CLOCK).run();

      assertEquals(2, result.inserted(), result.summary());
      assertSameRows(
          Rows.table(
              spark,
              "order_id | symbol  | side | price   | size | fees",
              "P1       | SOL-USD | buy  | 150.25  | 2.5  | 0",
              "P2       | SOL-USD | sell | 0.00001 | 1    | 0.01"),
          temp.lake()
              .read(LakeTable.TRADE_RECORDS)
              .select(
                  col("order_id"),
                  col("symbol"),
                  col("side"),
                  Columns.plain(col("price")).as("price"),
                  Columns.plain(col("size")).as("size"),
                  Columns.plain(col("fees")).as("fees")));
    }
  }

  @Test
  void reRunningTheSameSourceChangesNothing(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      SourceSettings source = csv(temp.file("ledger.csv", LEDGER).toString());
      new IngestJob(temp.lake(), source, CLOCK).run();

      IngestResult skipped = new IngestJob(temp.lake(), source, CLOCK).run();
      assertEquals(0, skipped.read(), "the file was read before and has not changed");
      assertEquals(1, skipped.skippedFiles());
      assertTrue(skipped.summary().startsWith("ingest: nothing new ("), skipped.summary());

      IngestResult again = new IngestJob(temp.lake(), source, CLOCK, true).run();

      assertEquals(14, again.read(), "--full reads it again");
      assertEquals(0, again.inserted());
      assertEquals(5, again.unchanged());
      assertEquals(9, again.quarantined(), "bad rows are still reported");
      assertEquals(0, again.newReviewRows(), "but not queued twice");
      assertEquals(4, temp.lake().read(LakeTable.TRADE_RECORDS).count());
      assertEquals(9, temp.lake().read(LakeTable.MANUAL_REVIEW_QUEUE).count());
    }
  }

  @Test
  void aFolderThatGrowsIsReadOneNewOrChangedFileAtATime(SparkSession spark) throws Exception {
    try (TempLake temp = new TempLake()) {
      Path folder = java.nio.file.Files.createDirectories(temp.folder().resolve("exports"));
      java.nio.file.Files.writeString(
          folder.resolve("2025-01.csv"),
          Ledgers.csv(
              "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
              "B2,ETH-USD,buy,2025-01-02T00:00:00Z,10,5,0"));
      SourceSettings source = csv(folder.toString());
      assertEquals(2, new IngestJob(temp.lake(), source, CLOCK).run().inserted());

      java.nio.file.Files.writeString(
          folder.resolve("2025-02.csv"),
          Ledgers.csv("S1,BTC-USD,sell,2025-02-01T00:00:00Z,120,4,0"));
      IngestResult late = new IngestJob(temp.lake(), source, CLOCK).run();
      assertEquals(List.of(1L, 1L, 1), List.of(late.read(), late.inserted(), late.skippedFiles()));
      assertTrue(late.summary().endsWith("; 1 file read before, skipped"), late.summary());

      // a file changed in place (appended to) is read again whole: its old rows are unchanged
      Path january = folder.resolve("2025-01.csv");
      java.nio.file.Files.writeString(
          january,
          "B3,BTC-USD,buy,2025-01-03T00:00:00Z,101,1,0\n",
          java.nio.file.StandardOpenOption.APPEND);
      IngestResult appended = new IngestJob(temp.lake(), source, CLOCK).run();
      assertEquals(
          List.of(3L, 1L, 2L, 1),
          List.of(
              appended.read(), appended.inserted(), appended.unchanged(), appended.skippedFiles()));

      IngestResult nothing = new IngestJob(temp.lake(), source, CLOCK).run();
      assertEquals(List.of(0L, 2), List.of(nothing.read(), nothing.skippedFiles()));

      // the ledger restored to before the February file: what that file held is read again
      io.delta.tables.DeltaTable.forPath(spark, temp.lake().path(LakeTable.TRADE_RECORDS))
          .restoreToVersion(0);
      IngestResult restored = new IngestJob(temp.lake(), source, CLOCK).run();
      assertEquals(
          List.of(4L, 2L, 0),
          List.of(restored.read(), restored.inserted(), restored.skippedFiles()));
      assertEquals(4, temp.lake().read(LakeTable.TRADE_RECORDS).count());
    }
  }

  @Test
  void aSmallLateBatchIsClassifiedAgainstTheLedgerRowsSharingItsOrderIds(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      new IngestJob(temp.lake(), csv(temp.file("ledger.csv", LEDGER).toString()), CLOCK).run();
      // one new trade, one the ledger has (B1, written differently), one conflicting with it (S1)
      String late =
          Ledgers.csv(
              "B9,BTC-USD,buy,2025-01-04T00:00:00Z,130,1,0.1",
              "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100.00,10,1.0",
              "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,11,1.2");
      LedgerSource reader = new LedgerSource(spark, csv(temp.file("late.csv", late).toString()));
      Dataset<Row> normalized = LedgerNormalizer.normalize(reader.read(), Ledgers.CLOCK_SKEW);
      Dataset<Row> ledger = temp.lake().read(LakeTable.TRADE_RECORDS);
      assertTrue(IngestJob.smallBatch(reader, normalized));

      Dataset<Row> small = LedgerClassifier.classify(normalized, ledger, true);
      String plan = small.queryExecution().executedPlan().toString();
      assertTrue(
          plan.matches(
              "(?s).*BroadcastHashJoin \\[(l_)?order_id#\\d+], \\[b_order_id#\\d+], LeftSemi.*"),
          "the ledger is scanned against the batch's broadcast order ids: " + plan);
      Dataset<Row> whole = LedgerClassifier.classify(normalized, ledger, false);
      assertEquals(statuses(whole), statuses(small));
      assertEquals(
          List.of(
              "B1|unchanged|null",
              "B9|new|null",
              "S1|quarantined|differs from the ledger's row: size 11 vs 12"),
          statuses(small));

      // only new trades: the ledger's order ids are scanned, its facts are not read
      String fresh =
          Ledgers.csv(
              "B8,BTC-USD,buy,2025-01-04T00:00:00Z,130,1,0.1",
              "S8,BTC-USD,sell,2025-01-05T00:00:00Z,131,1,0.1");
      LedgerSource freshReader =
          new LedgerSource(spark, csv(temp.file("fresh.csv", fresh).toString()));
      Dataset<Row> freshRows = LedgerNormalizer.normalize(freshReader.read(), Ledgers.CLOCK_SKEW);
      Dataset<Row> freshSmall = LedgerClassifier.classify(freshRows, ledger, true);
      String freshPlan = freshSmall.queryExecution().executedPlan().toString();
      assertFalse(freshPlan.contains("FileScan parquet"), "no ledger facts read: " + freshPlan);
      assertEquals(
          statuses(LedgerClassifier.classify(freshRows, ledger, false)), statuses(freshSmall));
      assertEquals(List.of("B8|new|null", "S8|new|null"), statuses(freshSmall));
    }
  }

  @Test
  void theGeneratorsParquetLedgerIngestsToTheSameTradesAsItsCsv(SparkSession spark)
      throws Exception {
    GeneratorOptions options =
        new GeneratorOptions(
            3_000,
            4,
            5L,
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"),
            0,
            0.05,
            0.01,
            false);
    try (TempLake fromCsv = new TempLake();
        TempLake fromParquet = new TempLake()) {
      Path csvFile = fromCsv.folder().resolve("ledger.csv");
      Path parquetFile = fromParquet.folder().resolve("ledger.parquet");
      long rows = new LedgerGenerator(options).write(csvFile);
      assertEquals(rows, new LedgerGenerator(options).writeParquet(parquetFile));
      SourceSettings parquet = parquet(parquetFile.toString());

      IngestResult csvIngest = new IngestJob(fromCsv.lake(), csv(csvFile.toString()), CLOCK).run();
      IngestResult parquetIngest = new IngestJob(fromParquet.lake(), parquet, CLOCK).run();

      assertEquals(rows, csvIngest.inserted(), csvIngest.summary());
      assertEquals(csvIngest.summary(), parquetIngest.summary());
      assertSameRows(
          fromCsv.lake().read(LakeTable.TRADE_RECORDS),
          fromParquet.lake().read(LakeTable.TRADE_RECORDS));
    }
  }

  /** Writes {@code bytes} as the source file, ingests it, and returns the ledger's rows. */
  private static List<String> ingestBytes(TempLake temp, byte[] bytes, String columns) {
    Path file = temp.folder().resolve("quirky.csv");
    try {
      java.nio.file.Files.write(file, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    IngestResult result = new IngestJob(temp.lake(), csv(file.toString()), CLOCK).run();
    assertEquals(0, result.quarantined(), result.summary());
    List<String> rows = new ArrayList<>();
    temp.lake()
        .read(LakeTable.TRADE_RECORDS)
        .selectExpr(columns.split(","))
        .orderBy("order_id")
        .collectAsList()
        .forEach(r -> rows.add(r.mkString("|")));
    return rows;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aDoubledQuoteInsideAQuotedFieldIsOneQuote(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      String csv =
          "order_id,symbol,side,order_time,price,size,fees,source\n"
              + "\"B\"\"1\"\"\",BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0,\"web,socket \"\"x\"\"\"\n";

      assertEquals(
          List.of("B\"1\"|web,socket \"x\""), ingestBytes(temp, utf8(csv), "order_id,source"));
    }
  }

  @Test
  void aQuotedFieldMaySpanLines(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      String csv =
          "order_id,symbol,side,order_time,price,size,fees,source\n"
              + "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0,\"rest\nretry\"\n"
              + "B2,BTC-USD,buy,2025-01-02T00:00:00Z,100,1,0,websocket\n";

      assertEquals(
          List.of("B1|rest\nretry", "B2|websocket"),
          ingestBytes(temp, utf8(csv), "order_id,source"));
    }
  }

  @Test
  void crlfLineEndsLeaveNoCarriageReturnInTheLastColumn(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      String csv =
          "order_id,symbol,side,order_time,price,size,source,fees\r\n"
              + "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,\"a\r\nb\",0.5\r\n"
              + "B2,BTC-USD,buy,2025-01-02T00:00:00Z,100,1,rest,0\r\n";

      // a fee read as "0.5\r" would not be a number, and its row would be quarantined; a line
      // break inside quotes is kept as \n (Spark's CSV parser normalises it, not configurable)
      assertEquals(List.of("B1|a\nb", "B2|rest"), ingestBytes(temp, utf8(csv), "order_id,source"));
    }
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnName(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      byte[] text = utf8(Ledgers.csv("B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0"));
      byte[] withBom = new byte[text.length + 3];
      withBom[0] = (byte) 0xEF;
      withBom[1] = (byte) 0xBB;
      withBom[2] = (byte) 0xBF;
      System.arraycopy(text, 0, withBom, 3, text.length);

      assertEquals(List.of("B1|BTC-USD"), ingestBytes(temp, withBom, "order_id,symbol"));
    }
  }

  @Test
  void aZeroByteFileIsAnEmptySourceLikeAHeaderOnlyFile(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      for (String content : List.of("", Ledgers.csv())) {
        Path file = temp.file("empty.csv", content.strip());
        IngestResult result = new IngestJob(temp.lake(), csv(file.toString()), CLOCK).run();

        assertEquals(0, result.read(), result.summary());
        assertEquals(
            "ingest: empty source, nothing to ingest (no rows in " + file + ")", result.summary());
      }
    }
  }

  @Test
  void anOrderTimeAfterItsOwnIngestedAtOrBefore2009GoesToReview(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      String csv =
          String.join(
              "\n",
              "order_id,symbol,side,order_time,price,size,fees,ingested_at",
              "F1,BTC-USD,buy,9999-01-01T00:00:00Z,100,1,0,2024-06-01T00:00:00Z",
              "F2,BTC-USD,buy,2024-06-01T00:06:00Z,100,1,0,2024-06-01T00:00:00Z",
              "SKEW,BTC-USD,buy,2024-06-01T00:04:59Z,100,1,0,2024-06-01T00:00:00Z",
              "OLD,BTC-USD,buy,2008-12-31T23:59:59Z,100,1,0,2024-06-01T00:00:00Z",
              "OK,BTC-USD,buy,2009-01-01T00:00:00Z,100,1,0,",
              "");
      IngestResult result =
          new IngestJob(temp.lake(), csv(temp.file("times.csv", csv).toString()), CLOCK).run();

      assertEquals(2, result.inserted(), result.summary());
      Dataset<Row> review = temp.lake().read(LakeTable.MANUAL_REVIEW_QUEUE);
      assertSameRows(
          Rows.table(
              spark,
              "order_id | reason",
              "F1       | order_time_after_ingested_at",
              "F2       | order_time_after_ingested_at",
              "OLD      | order_time_before_2009"),
          review.select("order_id", "reason"));
      String details =
          review.filter(col("order_id").equalTo("F2")).select("details").first().getString(0);
      assertTrue(
          details.startsWith(
              "order_time '2024-06-01T00:06:00Z' is after the row's ingested_at"
                  + " '2024-06-01T00:00:00Z' by more than source.clock-skew (PT5M)"),
          details);
    }
  }

  private static List<String> statuses(Dataset<Row> classified) {
    List<String> lines = new ArrayList<>();
    classified
        .select("order_id", LedgerClassifier.STATUS, LedgerNormalizer.DETAILS)
        .orderBy("order_id")
        .collectAsList()
        .forEach(r -> lines.add(r.mkString("|")));
    return lines;
  }
}
