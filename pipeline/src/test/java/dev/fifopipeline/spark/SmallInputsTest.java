package dev.fifopipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.testing.CountingFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs under the limit run interpreted on one partition; inputs over it, of unknown size or with
 * the limit at 0 get the configured settings, with Spark's own codegen settings restored.
 */
@Tag("spark")
class SmallInputsTest {
  private static final SparkSettings CONFIGURED =
      new SparkSettings("local[2]", "t", Map.of("spark.sql.shuffle.partitions", "8"));

  @Test
  void sizesAddUpOverFoldersFilesAndGlobs(@TempDir Path dir) throws Exception {
    Path lake = Files.createDirectories(dir.resolve("lake/trade_records/_delta_log"));
    Files.write(lake.resolve("00.json"), new byte[600]);
    Path exports = Files.createDirectories(dir.resolve("exports"));
    Files.write(exports.resolve("a.csv"), new byte[300]);
    Files.write(exports.resolve("b.csv"), new byte[300]);
    Files.write(exports.resolve("b.txt"), new byte[5000]);
    String lakePath = dir.resolve("lake").toString();
    String glob = exports.resolve("*.csv").toString();

    assertTrue(SmallInputs.isSmall(1201, List.of(lakePath, glob)));
    assertFalse(SmallInputs.isSmall(1200, List.of(lakePath, glob)), "at the limit: large");
    assertFalse(
        SmallInputs.isSmall(1201, List.of(lakePath, exports.toString())), "the whole folder");
    assertTrue(SmallInputs.isSmall(1, List.of(dir.resolve("missing").toString())));
    assertFalse(SmallInputs.isSmall(0, List.of(dir.resolve("missing").toString())), "0: never");
  }

  @Test
  void aDeltaTableCountsItsCurrentVersionNotTheFilesOlderVersionsKeep(@TempDir Path dir)
      throws Exception {
    Path table = Files.createDirectories(dir.resolve("lake/tax_lots"));
    Path log = Files.createDirectories(table.resolve("_delta_log"));
    Files.write(table.resolve("part-old.parquet"), new byte[5000]); // removed, not yet vacuumed
    Files.write(table.resolve("part-new.parquet"), new byte[400]);
    Files.writeString(log.resolve("00000000000000000000.crc"), "{\"tableSizeBytes\":5000}");
    Files.writeString(log.resolve("00000000000000000001.crc"), "{\"tableSizeBytes\":400}");
    Path journal = Files.createDirectories(dir.resolve("lake/_fifo"));
    Files.write(journal.resolve("journal.json"), new byte[100]);
    String lake = dir.resolve("lake").toString();

    assertTrue(SmallInputs.isSmall(501, List.of(lake)), "400 of the table and 100 of the rest");
    assertFalse(SmallInputs.isSmall(500, List.of(lake)));
    assertTrue(SmallInputs.isSmall(401, List.of(table.toString())), "a table named alone");

    Files.delete(log.resolve("00000000000000000000.crc"));
    Files.delete(log.resolve("00000000000000000001.crc"));
    assertFalse(
        SmallInputs.isSmall(5400, List.of(table.toString())),
        "without a checksum every file counts");
  }

  @Test
  void aTablesSizeIsReadFromItsNewestCommitsChecksumWithoutListingItsLog(@TempDir Path dir)
      throws Exception {
    Path log = Files.createDirectories(dir.resolve("trade_records/_delta_log"));
    for (int v = 15; v <= 24; v++) { // commits before 15 cleaned up, as the log retention does
      Files.writeString(log.resolve(DeltaLogFiles.commitFile(v)), "{\"commitInfo\":{}}\n");
      Files.writeString(
          log.resolve(DeltaLogFiles.checksumFile(v)), "{\"tableSizeBytes\":" + v + "}");
    }
    Files.writeString(log.resolve("_last_checkpoint"), "{\"version\":20,\"size\":3}");
    CountingFileSystem fs = new CountingFileSystem();
    org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(log.getParent().toUri());

    assertEquals(OptionalLong.of(24), SmallInputs.currentTableBytes(fs, table));
    assertEquals(0, fs.listings(), "the checksum is found by name");

    Files.delete(log.resolve(DeltaLogFiles.checksumFile(24)));
    assertEquals(
        OptionalLong.of(23), SmallInputs.currentTableBytes(fs, table), "the newest one listed");
    assertEquals(1, fs.listings());
  }

  @Test
  void aRefreshIsSmallWhileTheLakeIsUnderItsLimitAndTheFilesWrittenSinceUnderTheOther(
      @TempDir Path dir) throws Exception {
    Path lake = Files.createDirectories(dir.resolve("lake/trade_records/_delta_log"));
    Files.write(lake.resolve("00.json"), new byte[5000]);
    Path source = Files.createDirectories(dir.resolve("source"));
    Files.write(source.resolve("ledger.csv"), new byte[3000]);
    Instant since = Instant.now().minusSeconds(60);
    Files.setLastModifiedTime(
        source.resolve("ledger.csv"), FileTime.from(since.minusSeconds(3600))); // read before
    Files.write(source.resolve("late.csv"), new byte[200]);
    String lakePath = dir.resolve("lake").toString();
    String sourcePath = source.toString();

    assertEquals(200, SmallInputs.writtenSince(sourcePath, since, 1000));
    assertFalse(SmallInputs.isSmall(1000, List.of(lakePath, sourcePath)), "as any command: large");
    assertEquals(
        "1", refresh(1000, 6000, lakePath, sourcePath, since).get("spark.sql.shuffle.partitions"));
    assertEquals(
        CONFIGURED.conf(),
        refresh(1000, 5000, lakePath, sourcePath, since),
        "the lake at the refresh limit");
    assertEquals(
        CONFIGURED.conf(),
        refresh(200, 6000, lakePath, sourcePath, since),
        "the new files at the other limit");
    assertEquals(
        CONFIGURED.conf(), refresh(1000, 0, lakePath, sourcePath, since), "0: as any command");
  }

  private static Map<String, String> refresh(
      long limit, long refreshLimit, String lake, String source, Instant since) {
    return SmallInputs.settingsForRefresh(CONFIGURED, limit, refreshLimit, lake, source, since)
        .conf();
  }

  @Test
  void smallInputsRunInterpretedOnOnePartitionAndLargeOnesAsConfigured(@TempDir Path dir) {
    SparkSettings small = SmallInputs.settingsFor(CONFIGURED, 100, List.of(dir.toString()));
    assertEquals("NO_CODEGEN", small.conf().get("spark.sql.codegen.factoryMode"));
    assertEquals("false", small.conf().get("spark.sql.codegen.wholeStage"));
    assertEquals("1", small.conf().get("spark.sql.shuffle.partitions"));

    SparkSettings large = SmallInputs.settingsFor(CONFIGURED, 0, List.of(dir.toString()));
    assertEquals(CONFIGURED.conf(), large.conf());
    // passed as defaults, so a session that ran a small command before compiles again...
    Map<String, String> options = Sessions.options(large, new SparkConf(false));
    assertEquals("FALLBACK", options.get("spark.sql.codegen.factoryMode"));
    assertEquals("true", options.get("spark.sql.codegen.wholeStage"));
    assertEquals("8", options.get("spark.sql.shuffle.partitions"));
    // ...while what spark-submit gave still wins over them
    Map<String, String> submitted =
        Sessions.options(large, new SparkConf(false).set("spark.sql.codegen.wholeStage", "false"));
    assertFalse(submitted.containsKey("spark.sql.codegen.wholeStage"));
  }
}
