package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.LakeWrite;
import dev.fifopipeline.output.CsvFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The lots open at the end of a tax year, for {@code report tax --year Y} (and {@code all --year
 * Y}): replaces the version's rows of that year in {@code year_end_lots} and writes {@code
 * year_end_lots.csv}, ordered by account, symbol, buy time and buy. See {@link YearEndLots}.
 */
final class YearEndReport {
  private final Lake lake;
  private final int version;
  private final int year;
  private final ZoneId zone;
  private final Dataset<Row> lots;
  private final List<Row> totals;

  /**
   * Computes the lots from the lake (kept until {@link #close}).
   *
   * @param prices {@code symbol, mark_price}, possibly empty
   */
  YearEndReport(Lake lake, int version, int year, ZoneId zone, Dataset<Row> prices) {
    this.lake = lake;
    this.version = version;
    this.year = year;
    this.zone = zone;
    lake.spark().sparkContext().setJobDescription("report v" + version + ": year-end lots " + year);
    Dataset<Row> allocations =
        lake.read(LakeTable.FIFO_ALLOCATIONS).filter(col("allocation_version").equalTo(version));
    Dataset<Row> inventory =
        lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT)
            .filter(col("allocation_version").equalTo(version));
    this.lots =
        YearEndLots.of(
                version,
                year,
                zone,
                allocations,
                inventory,
                lake.read(LakeTable.TRADE_RECORDS),
                prices)
            .persist(StorageLevel.MEMORY_AND_DISK());
    this.totals =
        lots.groupBy("quote")
            .agg(
                count(lit(1)).as("lots"),
                sum("cost_basis").as("cost_basis"),
                count("mark_price").as("priced"),
                sum("unrealized_gain").as("unrealized_gain"))
            .orderBy("quote")
            .collectAsList();
  }

  /** The table this writes. */
  static List<LakeTable> tables() {
    return List.of(LakeTable.YEAR_END_LOTS);
  }

  /** Replaces the version's rows of the year, in one journaled run. */
  void writeLake() {
    String run = "report v" + version + " year-end lots " + year;
    try (LakeWrite write = lake.beginWrite(run, tables())) {
      lake.spark().sparkContext().setJobDescription("report v" + version + ": write year_end_lots");
      write.replace(
          LakeTable.YEAR_END_LOTS,
          lots,
          "allocation_version = " + version + " AND tax_year = " + year);
      write.commit();
    }
  }

  /**
   * Writes {@code year_end_lots.csv} into {@code folder}.
   *
   * @return the file with its data rows
   * @throws dev.fifopipeline.error.PipelineException (environment) when it cannot be written
   */
  Map<Path, Long> writeFiles(Path folder) {
    Path file = folder.resolve("year_end_lots.csv");
    Dataset<Row> ordered =
        lots.orderBy(
            col("account").asc_nulls_first(), col("symbol"), col("buy_time"), col("buy_order_id"));
    return Map.of(file, CsvFiles.write(ordered, file));
  }

  /** What the command prints: the lots and their basis per quote currency. */
  String summary() {
    long count = totals.stream().mapToLong(r -> r.<Long>getAs("lots")).sum();
    StringBuilder text =
        new StringBuilder(
            String.format(
                "  year-end lots %d: %,d %s open at the end of %d-12-31 in %s (year_end_lots.csv)",
                year, count, count == 1 ? "lot" : "lots", year, zone.getId()));
    for (Row row : totals) {
      long lotCount = row.<Long>getAs("lots");
      BigDecimal gain = row.getAs("unrealized_gain");
      boolean allPriced = row.<Long>getAs("priced") == lotCount;
      text.append(
          String.format(
              "%n    %s: %,d %s, cost basis %s%s",
              row.<String>getAs("quote"),
              lotCount,
              lotCount == 1 ? "lot" : "lots",
              CsvFiles.cents(row.getAs("cost_basis")),
              allPriced ? ", unrealized gain " + CsvFiles.cents(gain) : ""));
    }
    return text.toString();
  }

  void close() {
    lots.unpersist();
  }
}
