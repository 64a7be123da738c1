package dev.fifopipeline.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.ResultPrinter;
import dev.fifopipeline.testing.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedSpark.class)
@Tag("spark")
class SqlJobTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
        "select * from fifo_allocations where pnl > 0",
        "DESCRIBE HISTORY delta.`/tmp/x`",
        "SHOW TABLES",
        "EXPLAIN SELECT 1",
        "VALUES (1, 2)"
      })
  void queriesAndInspectionsAreReadOnly(String sql) throws Exception {
    SparkSession spark = SharedSpark.session();
    assertTrue(SqlJob.readOnly(spark.sessionState().sqlParser().parsePlan(sql)), sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE delta.`/tmp/x` SET pnl = 0",
        "DELETE FROM delta.`/tmp/x` WHERE true",
        "MERGE INTO delta.`/tmp/x` t USING delta.`/tmp/y` s ON t.a = s.a WHEN MATCHED THEN DELETE",
        "INSERT INTO delta.`/tmp/x` SELECT 1",
        "WITH t AS (SELECT 1) INSERT INTO delta.`/tmp/x` SELECT * FROM t",
        "CREATE TABLE t USING delta AS SELECT 1",
        "DROP TABLE t",
        "SET spark.sql.shuffle.partitions = 1",
        "VACUUM delta.`/tmp/x`",
        "CACHE TABLE t"
      })
  void statementsThatWriteAreRefused(String sql) throws Exception {
    SparkSession spark = SharedSpark.session();
    assertFalse(SqlJob.readOnly(spark.sessionState().sqlParser().parsePlan(sql)), sql);
  }

  @Test
  void aQueryOverASmallLakeRunsInterpreted(@TempDir Path lake) throws Exception {
    Path allocations = Files.createDirectories(lake.resolve("fifo_allocations"));
    Files.write(allocations.resolve("part-0.parquet"), new byte[1000]);
    Files.write(
        Files.createDirectories(lake.resolve("trade_records")).resolve("p"), new byte[5000]);
    SparkSettings configured =
        new SparkSettings("local[2]", "t", Map.of("spark.sql.shuffle.partitions", "8"));
    String query = "SELECT count(*) FROM FIFO_ALLOCATIONS";

    SparkSettings small = SqlJob.sessionFor(configured, lake.toString(), 2000, query);
    assertEquals("NO_CODEGEN", small.conf().get("spark.sql.codegen.factoryMode"));
    assertEquals("1", small.conf().get("spark.sql.shuffle.partitions"));
    // only the tables the query names count: trade_records alone is over the limit
    assertCompiled(
        configured,
        SqlJob.sessionFor(
            configured, lake.toString(), 2000, query + " JOIN trade_records USING (symbol)"));
    assertCompiled(configured, SqlJob.sessionFor(configured, lake.toString(), 1000, query));
    assertCompiled(configured, SqlJob.sessionFor(configured, lake.toString(), 0, "SELECT 1"));
    assertEquals(
        List.of(LakeTable.TRADE_RECORDS, LakeTable.FIFO_ALLOCATIONS),
        SqlJob.tablesNamedIn("select * from trade_records join fifo_allocations"));
  }

  @Test
  void valuesPrintPlainAndInUtc() {
    assertEquals("2.5", ResultPrinter.format(new BigDecimal("2.500000000000000000")));
    assertEquals("0", ResultPrinter.format(new BigDecimal("0E-18")));
    assertEquals("100", ResultPrinter.format(new BigDecimal("1E+2")));
    assertEquals("0.00000001", ResultPrinter.format(new BigDecimal("1E-8")));
    assertEquals("0.00001", ResultPrinter.format(1.0E-5));
    assertEquals(
        "2025-12-03T23:11:00Z", ResultPrinter.format(Instant.parse("2025-12-03T23:11:00Z")));
    assertEquals("2025-12-31", ResultPrinter.format(LocalDate.of(2025, 12, 31)));
  }

  /** The configured settings, with Spark's own codegen settings where the user gave none. */
  private static void assertCompiled(SparkSettings configured, SparkSettings actual) {
    assertEquals(configured.conf(), actual.conf());
    assertEquals("FALLBACK", actual.defaults().get("spark.sql.codegen.factoryMode"));
    assertEquals("true", actual.defaults().get("spark.sql.codegen.wholeStage"));
  }
}
