package dev.fifopipeline.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * maintain compacts and vacuums every table without changing a row, and leaves the pipeline's
 * incremental state valid: a nightly after it recomputes only what a late trade changed and ends
 * where a full run does. A retention shorter than a day is refused unless allowed.
 */
@Tag("spark")
class MaintainCommandTest {
  /** Columns that say when or in which run a row was written, not what it holds. */
  private static final List<String> RUN_COLUMNS =
      List.of("batch_id", "computed_at", "started_at", "duration_ms", "detected_at");

  private static final String FIRST =
      Ledgers.csv(
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
          "S1,BTC-USD,sell,2025-01-05T00:00:00Z,120,4,0.4",
          "B2,ETH-USD,buy,2025-01-02T00:00:00Z,10,50,0.5",
          "S2,ETH-USD,sell,2025-01-06T00:00:00Z,12,20,0.2",
          "B3,SOL-USD,buy,2025-01-03T00:00:00Z,5,100,0",
          "S3,SOL-USD,sell,2025-01-07T00:00:00Z,6,40,0");
  private static final String SECOND =
      Ledgers.csv(
          "S4,BTC-USD,sell,2025-01-08T00:00:00Z,130,3,0.3",
          "S5,SOL-USD,sell,2025-01-09T00:00:00Z,7,30,0");

  /** A late, old buy of ETH-USD: it feeds ETH's sells ahead of B2. */
  private static final String LATE = Ledgers.csv("B0,ETH-USD,buy,2024-12-30T00:00:00Z,8,30,0.3");

  @Test
  void maintainLeavesFewerFilesAndEveryRow() throws Exception {
    try (TempLake temp = new TempLake()) {
      Cli cli = cli(temp);
      export(temp, 1, FIRST);
      assertEquals(0, cli.run("ingest").exit());
      assertEquals(0, cli.run("allocate", "--version", "1").exit());
      export(temp, 2, SECOND);
      assertEquals(0, cli.run("ingest").exit());
      assertEquals(0, cli.run("allocate", "--version", "1", "--since", "1 hours ago").exit());
      Lake lake = temp.lake();
      Map<LakeTable, Long> filesBefore = files(lake);
      Map<LakeTable, List<String>> rowsBefore = rows(lake);
      Map<LakeTable, Long> commitsBefore = commits(lake);

      Cli.Run dryRun = cli.run("--set", "maintain.min-files=2", "maintain", "--dry-run");
      assertEquals(0, dryRun.exit(), dryRun.toString());
      assertTrue(dryRun.out().contains("would be compacted"), dryRun.toString());
      assertEquals(commitsBefore, commits(lake), "a dry run commits nothing");

      Cli.Run run = cli.run("--set", "maintain.min-files=2", "maintain");
      assertEquals(0, run.exit(), run.toString());
      assertTrue(run.out().contains("trade_records: 2 files"), run.toString());
      assertTrue(run.out().contains("-> 1, compacted"), run.toString());
      assertTrue(run.out().contains("maintain: done in"), run.toString());
      assertFalse(run.out().contains("log retention"), "tables are created with it: " + run.out());

      Map<LakeTable, Long> filesAfter = files(lake);
      filesBefore.forEach(
          (table, before) ->
              assertTrue(filesAfter.get(table) <= before, table + ": " + filesAfter.get(table)));
      assertTrue(
          sum(filesAfter) < sum(filesBefore), "fewer files: " + filesBefore + " " + filesAfter);
      assertEquals(1L, filesAfter.get(LakeTable.TRADE_RECORDS));
      assertEquals(rowsBefore, rows(lake), "every row of every table kept");
      assertTrue(run.out().contains("vacuum deleted 0 files"), "nothing old enough: " + run);

      // with no retention, the files compaction replaced are old enough: VACUUM deletes them
      Path tradeRecords = temp.folder().resolve("lake/trade_records");
      long parquetBefore = parquetFiles(tradeRecords);
      Cli.Run vacuum =
          cli.run(
              "--set",
              "maintain.vacuum-retention=0h",
              "--set",
              "maintain.allow-short-retention=true",
              "maintain");
      assertEquals(0, vacuum.exit(), vacuum.toString());
      assertTrue(
          vacuum
              .out()
              .lines()
              .anyMatch(
                  l -> l.startsWith("  trade_records: 1 file") && l.contains("deleted 2 files")),
          vacuum.toString());
      assertEquals(parquetBefore - 2, parquetFiles(tradeRecords));
      assertEquals(rowsBefore, rows(lake), "every row of every table kept");
    }
  }

  @Test
  void aTableLargerThanOneTargetFileIsZOrderedBySymbolAndAllocatesAsBefore() throws Exception {
    try (TempLake temp = new TempLake()) {
      Cli cli = cli(temp);
      export(temp, 1, FIRST);
      assertEquals(0, cli.run("ingest").exit());
      export(temp, 2, SECOND);
      assertEquals(0, cli.run("ingest").exit());
      assertEquals(0, cli.run("allocate", "--version", "1").exit());
      Lake lake = temp.lake();
      Map<LakeTable, List<String>> rowsBefore = rows(lake);

      // every table here is a few KB: a 1 KB target file makes trade_records "large"
      Cli.Run run =
          cli.run(
              "--set", "maintain.min-files=2", "--set", "maintain.target-file-size=1K", "maintain");
      assertEquals(0, run.exit(), run.toString());
      assertTrue(
          run.out()
              .lines()
              .anyMatch(l -> l.startsWith("  trade_records: 2 files") && l.contains("z-ordered")),
          run.toString());
      Row optimize =
          DeltaTable.forPath(lake.spark(), lake.path(LakeTable.TRADE_RECORDS))
              .history(1)
              .select("operation", "operationParameters.zOrderBy")
              .first();
      assertEquals("OPTIMIZE", optimize.getString(0));
      assertEquals("[\"symbol\"]", optimize.getString(1));
      assertEquals(rowsBefore, rows(lake), "every row of every table kept");

      Cli.Run again = cli.run("allocate", "--version", "2");
      assertEquals(0, again.exit(), again.toString());
      Dataset<Row> allocations = lake.read(LakeTable.FIFO_ALLOCATIONS);
      assertEquals(
          sorted(
              allocations.filter(col("allocation_version").equalTo(1)).drop("allocation_version")),
          sorted(
              allocations.filter(col("allocation_version").equalTo(2)).drop("allocation_version")),
          "the z-ordered ledger allocates as before");
    }
  }

  @Test
  void aNightlyAfterMaintainRecomputesOnlyTheChangedSymbolAndEqualsAFullRun() throws Exception {
    try (TempLake temp = new TempLake();
        TempLake full = new TempLake()) {
      Cli cli = cli(temp);
      export(temp, 1, FIRST);
      assertEquals(0, cli.run("nightly").exit());
      export(temp, 2, SECOND);
      assertEquals(0, cli.run("nightly").exit());
      // a lake whose tables keep their log for another period: maintain gives them this one
      Cli.Run maintain =
          cli.run("--set", "maintain.min-files=2", "--set", "lake.log-retention=3d", "maintain");
      assertEquals(0, maintain.exit(), maintain.toString());
      assertTrue(
          maintain.out().contains("; set log retention interval 72 hours"), maintain.toString());
      assertEquals(
          "interval 72 hours",
          temp.lake()
              .spark()
              .sql("DESCRIBE DETAIL delta.`" + temp.lake().path(LakeTable.FIFO_ALLOCATIONS) + "`")
              .select("properties")
              .first()
              .<String, String>getJavaMap(0)
              .get("delta.logRetentionDuration"));

      Cli.Run quiet = cli.run("nightly");
      assertTrue(
          quiet.out().contains("nightly: done in") && quiet.out().contains("(nothing new)"),
          "maintenance is not news to the nightly: " + quiet);

      export(temp, 3, LATE);
      Cli.Run late = cli.run("nightly");
      assertEquals(0, late.exit(), late.toString());
      assertTrue(late.out().contains("read 1 / new 1"), late.toString());
      assertTrue(late.out().contains("2 files read before, skipped"), late.toString());
      assertTrue(late.out().contains("(fifo, incremental): 1 symbols"), late.toString());
      assertTrue(late.out().contains("(1 symbol changed since the last proof"), late.toString());
      assertTrue(late.out().contains("(recomputed: 1 changed symbol)"), late.toString());

      Cli fullCli = cli(full);
      export(full, 1, FIRST);
      export(full, 2, SECOND);
      export(full, 3, LATE);
      Cli.Run fullRun = fullCli.run("nightly");
      assertEquals(0, fullRun.exit(), fullRun.toString());
      Map<LakeTable, List<String>> expected = rows(full.lake());
      Map<LakeTable, List<String>> actual = rows(temp.lake());
      for (LakeTable table : LakeTable.values()) {
        if (table != LakeTable.FIFO_COMPUTATION_LOG) { // one row per run: the runs differ
          assertEquals(expected.get(table), actual.get(table), table.tableName());
        }
      }
    }
  }

  @Test
  void aRetentionShorterThanADayIsRefusedUnlessAllowed() {
    try (TempLake temp = new TempLake()) {
      Cli cli = cli(temp);
      int sessions = PipelineContext.SESSIONS_ASKED.get();
      Cli.Run refused = cli.run("--set", "maintain.vacuum-retention=1h", "maintain");
      assertEquals(2, refused.exit(), refused.toString());
      assertTrue(
          refused
              .err()
              .startsWith(
                  "Cannot maintain the lake: maintain.vacuum-retention = 1h is shorter than 24"
                      + " hours"),
          refused.toString());
      assertEquals(sessions, PipelineContext.SESSIONS_ASKED.get(), "refused before Spark");

      Cli.Run nightly = cli.run("--set", "maintain.vacuum-retention=1h", "nightly", "--maintain");
      assertEquals(2, nightly.exit(), nightly.toString());

      Cli.Run allowed =
          cli.run(
              "--set",
              "maintain.vacuum-retention=1h",
              "--set",
              "maintain.allow-short-retention=true",
              "maintain");
      assertEquals(0, allowed.exit(), allowed.toString());
      assertTrue(allowed.out().contains("nothing to maintain"), allowed.toString());
    }
  }

  private static Cli cli(TempLake temp) {
    return new Cli(
        temp.folder(),
        Map.of(
            "FIFO_LAKE_PATH", "lake",
            "FIFO_SOURCE_PATH", "exports",
            "FIFO_REPORT_INCREMENTAL_FROM", "0"));
  }

  private static void export(TempLake temp, int n, String csv) throws Exception {
    Path folder = Files.createDirectories(temp.folder().resolve("exports"));
    Files.writeString(folder.resolve("batch-" + n + ".csv"), csv);
  }

  private static Map<LakeTable, Long> files(Lake lake) {
    Map<LakeTable, Long> files = new EnumMap<>(LakeTable.class);
    for (LakeTable table : lake.existingTables()) {
      files.put(
          table,
          DeltaTable.forPath(lake.spark(), lake.path(table))
              .detail()
              .select("numFiles")
              .first()
              .getLong(0));
    }
    return files;
  }

  private static Map<LakeTable, Long> commits(Lake lake) {
    Map<LakeTable, Long> commits = new EnumMap<>(LakeTable.class);
    for (LakeTable table : LakeTable.values()) {
      commits.put(table, lake.latestCommit(table));
    }
    return commits;
  }

  private static long parquetFiles(Path table) throws Exception {
    try (var files = Files.list(table)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).count();
    }
  }

  private static long sum(Map<LakeTable, Long> files) {
    return files.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every table's rows, without the columns that say when they were written, sorted. */
  private static Map<LakeTable, List<String>> rows(Lake lake) {
    Map<LakeTable, List<String>> tables = new EnumMap<>(LakeTable.class);
    for (LakeTable table : lake.existingTables()) {
      Dataset<Row> rows = lake.read(table);
      if (table == LakeTable.TRADE_RECORDS) {
        rows = rows.drop("lake_ingested_at", "ingested_at");
      }
      List<String> out = sorted(rows);
      tables.put(table, out);
    }
    return tables;
  }

  /** The rows without the columns that say when they were written, as sorted lines. */
  private static List<String> sorted(Dataset<Row> rows) {
    for (String c : RUN_COLUMNS) {
      rows = rows.drop(c);
    }
    for (String c : rows.columns()) {
      if (rows.schema().apply(c).dataType() instanceof DecimalType) {
        rows = rows.withColumn(c, Columns.plain(col(c)));
      }
    }
    List<String> out = new ArrayList<>();
    rows.collectAsList().forEach(r -> out.add(r.mkString("|")));
    out.sort(null);
    return out;
  }
}
