package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

import dev.fifopipeline.allocate.AllocationCatalog;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.FaultInjection;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.report.html.Headline;
import dev.fifopipeline.report.html.ReportData;
import dev.fifopipeline.spark.Dates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one version: replaces its rows in the report tables of the lake (always every tax year),
 * writes a CSV file per table (of {@code --year} only, when given) and, for {@code all}, the HTML
 * page, into {@code <out>/v<N>[-<year>]/}.
 *
 * <p>The small tables (one row per symbol, day or tax year and term) are computed once each and
 * collected; the lake, the files and the page are written from those rows. {@code tax_lots}, one
 * row per allocation, streams.
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
  private static final StructType PRICES =
      new StructType().add("symbol", DataTypes.StringType).add("mark_price", LakeSchemas.MONEY);

  private final Lake lake;
  private final ReportRequest request;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param zone tax.timezone; must be the zone the version was computed in
   */
  public ReportJob(Lake lake, ReportRequest request, ZoneId zone, Clock clock) {
    this.lake = lake;
    this.request = request;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * Runs the report.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) for an unknown version, a version
   *     computed in another tax.timezone, or a year without sells; (environment) when a file cannot
   *     be written
   */
  public ReportResult run() {
    long started = System.nanoTime();
    int version = request.version();
    Integer year = request.year();
    ReportChecks.yearRange(year);
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    if (!catalog.exists(version)) {
      throw Errors.unknownVersion("report", version, catalog.versions());
    }
    ReportChecks.zone(lake, version, zone);
    request.kind().tables().forEach(table -> ReportChecks.schema(lake, table));
    SparkSession spark = lake.spark();
    spark.sparkContext().setJobGroup("report", "report v" + version, false);
    Column ofVersion = col("allocation_version").equalTo(version);
    Dataset<Row> allocations = lake.read(LakeTable.FIFO_ALLOCATIONS).filter(ofVersion);
    Dataset<Row> inventory = lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(ofVersion);
    List<Dataset<Row>> cached = new ArrayList<>();
    cached.add(allocations.persist(StorageLevel.MEMORY_AND_DISK()));
    cached.add(inventory.persist(StorageLevel.MEMORY_AND_DISK()));
    try {
      Dataset<Row> prices = prices(spark);
      ReportTables all = ReportTables.compute(allocations, inventory, prices, zone);
      cached.add(all.sells().persist(StorageLevel.MEMORY_AND_DISK()));
      if (year != null) {
        ReportChecks.yearHasSells(all, version, year, zone);
      }
      Map<LakeTable, List<Row>> allRows = collect(all, version);
      lake.journal().begin("report v" + version, request.kind().tables());
      for (LakeTable table : request.kind().tables()) {
        spark.sparkContext().setJobDescription("report v" + version + ": write " + table);
        Dataset<Row> rows =
            table == LakeTable.TAX_LOTS
                ? all.lakeRows(table, version, false)
                : spark.createDataFrame(allRows.get(table), LakeSchemas.of(table));
        lake.replace(table, rows, "allocation_version = " + version);
        FaultInjection.point("report.after-" + table.tableName());
      }
      lake.journal().commit();

      ReportTables shown = all;
      Map<LakeTable, List<Row>> shownRows = allRows;
      if (year != null) {
        Column inYear = year(Dates.localDate(col("sell_time"), zone)).equalTo(year);
        shown = ReportTables.compute(allocations.filter(inYear), inventory, prices, zone);
        cached.add(shown.sells().persist(StorageLevel.MEMORY_AND_DISK()));
        shownRows = collect(shown, version);
      }
      spark.sparkContext().setJobDescription("report v" + version + ": collect the headlines");
      Dataset<Row> review =
          lake.read(LakeTable.MANUAL_REVIEW_QUEUE)
              .filter(col("allocation_version").isNull().or(ofVersion));
      String method = catalog.method(version).orElseThrow();
      ReportDataCollector collector = new ReportDataCollector(shown.sells(), shownRows, review);
      ReportData data =
          request.kind().html()
              ? collector.collect(
                  version, method, zone.getId(), year, clock.instant(), !request.prices().isEmpty())
              : null;
      List<Headline> headlines = data != null ? data.headlines() : collector.headlines();
      Map<Path, Long> files = ReportFiles.write(spark, request, shown, shownRows, data);
      ReportResult result =
          new ReportResult(
              version,
              method,
              zone.getId(),
              year,
              headlines,
              request.kind().tables(),
              files,
              request.prices().isEmpty() ? List.of() : unpriced(shownRows),
              (System.nanoTime() - started) / 1_000_000);
      LOG.info("report v{}: {} files in {} ms", version, files.size(), result.durationMs());
      return result;
    } finally {
      cached.forEach(Dataset::unpersist);
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The small tables in file order with their version column: the kind's, and pnl_by_symbol always
   * (the headlines' open inventory).
   */
  private Map<LakeTable, List<Row>> collect(ReportTables tables, int version) {
    Map<LakeTable, List<Row>> rows = new EnumMap<>(LakeTable.class);
    List<LakeTable> wanted = new ArrayList<>(request.kind().tables());
    if (!wanted.contains(LakeTable.PNL_BY_SYMBOL)) {
      wanted.add(LakeTable.PNL_BY_SYMBOL);
    }
    for (LakeTable table : wanted) {
      if (table != LakeTable.TAX_LOTS) {
        lake.spark().sparkContext().setJobDescription("report v" + version + ": " + table);
        rows.put(table, tables.lakeRows(table, version, true).collectAsList());
      }
    }
    return rows;
  }

  private Dataset<Row> prices(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    request
        .prices()
        .bySymbol()
        .forEach((symbol, price) -> rows.add(RowFactory.create(symbol, price)));
    return spark.createDataFrame(rows, PRICES);
  }

  /** Symbols with open lots and no mark price. */
  private static List<String> unpriced(Map<LakeTable, List<Row>> rows) {
    List<String> missing = new ArrayList<>();
    for (Row row : rows.get(LakeTable.PNL_BY_SYMBOL)) {
      if (row.<Long>getAs("open_lots") > 0 && row.getAs("mark_price") == null) {
        String account = row.getAs("account");
        missing.add(account == null ? row.getAs("symbol") : account + "/" + row.getAs("symbol"));
      }
    }
    return missing;
  }
}
