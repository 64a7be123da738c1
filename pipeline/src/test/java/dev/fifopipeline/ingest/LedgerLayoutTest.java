package dev.fifopipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
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
class LedgerLayoutTest {
  @Test
  void ledgerFilesHoldNarrowSymbolRangesSoAFewSymbolsSkipTheRest(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      // 12 symbols interleaved in time, as a bot trades them; 3 files' worth of rows
      Dataset<Row> rows =
          spark
              .range(1200)
              .selectExpr(
                  "concat('SYM', lpad(cast(id % 12 AS string), 2, '0'), '-USD') AS symbol",
                  "timestamp_seconds(1700000000 + id) AS order_time");
      String path = temp.lake().root() + "/layout";
      IngestRows.bySymbol(rows, 3 * IngestRows.ROWS_PER_FILE).write().format("delta").save(path);

      List<Row> files =
          spark
              .read()
              .format("delta")
              .load(path)
              .groupBy(input_file_name().as("file"))
              .agg(min("symbol").as("lo"), max("symbol").as("hi"))
              .orderBy(col("lo"))
              .collectAsList();
      assertEquals(3, files.size(), files.toString());
      List<String> bounds = new ArrayList<>();
      for (Row file : files) {
        bounds.add(file.getString(1));
        bounds.add(file.getString(2));
      }
      // the files' [least, greatest] symbol ranges do not overlap: a query for one symbol matches
      // one file's statistics (two when a symbol straddles a boundary)
      for (int i = 2; i < bounds.size(); i += 2) {
        assertTrue(bounds.get(i - 1).compareTo(bounds.get(i)) <= 0, bounds.toString());
      }
      assertTrue(
          files.stream()
              .allMatch(
                  f ->
                      !f.getString(1).equals("SYM00-USD")
                          || f.getString(2).compareTo("SYM05-USD") < 0),
          bounds.toString());
    }
  }

  @Test
  void aSmallBatchIsOneFile(SparkSession spark) {
    try (TempLake temp = new TempLake()) {
      Dataset<Row> rows = spark.range(0, 100, 1, 4).selectExpr("concat('SYM', id % 12) AS symbol");
      Dataset<Row> small = IngestRows.bySymbol(rows, 100);
      String plan = small.queryExecution().executedPlan().toString();
      assertFalse(plan.contains("Exchange"), "a small batch is not shuffled: " + plan);

      String path = temp.lake().root() + "/small";
      small.write().format("delta").save(path);
      assertEquals(1, spark.read().format("delta").load(path).inputFiles().length);
    }
  }
}
