package dev.fifopipeline.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.SharedSpark;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedSpark.class)
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
}
