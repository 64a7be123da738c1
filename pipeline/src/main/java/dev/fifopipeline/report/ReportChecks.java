package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** What must hold before a report is written; each check throws the user-facing failure. */
final class ReportChecks {
  private ReportChecks() {}

  /** --year is a plausible calendar year. */
  static void yearRange(Integer year) {
    if (year != null && (year < 1900 || year > 9999)) {
      throw Errors.badYear(year);
    }
  }

  /** A report table written by an older pipeline with other columns cannot be replaced into. */
  static void schema(Lake lake, LakeTable table) {
    lake.readIfExists(table)
        .ifPresent(
            existing -> {
              StructType expected = LakeSchemas.of(table);
              List<String> have = new ArrayList<>();
              for (var field : existing.schema().fields()) {
                have.add(field.name() + " " + field.dataType().simpleString());
              }
              List<String> want = new ArrayList<>();
              for (var field : expected.fields()) {
                want.add(field.name() + " " + field.dataType().simpleString());
              }
              if (!new TreeSet<>(have).equals(new TreeSet<>(want))) {
                TreeSet<String> differing = new TreeSet<>(have);
                differing.removeAll(want);
                TreeSet<String> missing = new TreeSet<>(want);
                missing.removeAll(have);
                throw Errors.reportTableOutdated(
                    table.tableName(),
                    lake.path(table),
                    "unexpected: "
                        + (differing.isEmpty() ? "none" : String.join(", ", differing))
                        + "; missing: "
                        + (missing.isEmpty() ? "none" : String.join(", ", missing)));
              }
            });
  }

  /**
   * The zones the version's latest run per symbol recorded must be tax.timezone.
   *
   * @return the version's allocations, as the latest run of each symbol logged them
   */
  static long zone(Lake lake, int version, ZoneId zone) {
    Row facts =
        lake.read(LakeTable.FIFO_COMPUTATION_LOG)
            .filter(col("allocation_version").equalTo(version))
            .groupBy("account", "symbol")
            .agg(
                max_by(col("tax_timezone"), col("started_at")).as("zone"),
                max_by(col("allocations"), col("started_at")).as("allocations"))
            .agg(collect_set(col("zone")), sum(col("allocations")))
            .first();
    TreeSet<String> zones = new TreeSet<>(facts.<String>getList(0));
    zones.remove(zone.getId());
    if (!zones.isEmpty()) {
      throw Errors.taxZoneMismatch("report", version, zones, zone.getId());
    }
    return facts.isNullAt(1) ? 0 : facts.getLong(1);
  }

  /**
   * {@code year} has sells.
   *
   * @param daily the collected rows of pnl_daily of every year
   */
  static void yearHasSells(List<Row> daily, int version, int year, ZoneId zone) {
    TreeSet<Integer> years = new TreeSet<>();
    for (Row row : daily) {
      years.add(row.<java.time.LocalDate>getAs("date").getYear());
    }
    if (!years.contains(year)) {
      throw Errors.noSellsInYear(version, year, zone.getId(), years);
    }
  }
}
