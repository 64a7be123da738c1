package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.LakeWrite;
import dev.fifopipeline.report.html.Headline;
import dev.fifopipeline.report.html.ReportData;
import dev.fifopipeline.spark.Dates;
import dev.fifopipeline.spark.SideBySide;
import dev.fifopipeline.taxform.FormSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one version: replaces its rows in the report tables of the lake (always every tax year),
 * writes a CSV file per table (of {@code --year} only, when given) and, for {@code all}, the HTML
 * page, into {@code <out>/v<N>[-<year>]/}.
 *
 * <p>Read, transform, write: the allocations and open lots of the symbols to recompute (every
 * symbol, or for {@code report all} those changed since the last one, see {@link ReportState}) and
 * the other symbols' rows per symbol from the lake; the tables over all symbols added up from the
 * rows per symbol and collected, with what the page shows, before anything is written; then one
 * journaled write of the tables, and the files. {@code tax_lots}, one row per allocation, streams
 * ({@link ReportLots}). A tax report of one year also files that year's Form 8949, Schedule D and
 * year-end lots ({@link TaxYearFiles}).
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  /** reference.conf's report.incremental-from. */
  public static final long DEFAULT_INCREMENTAL_FROM = 30_000;

  private final Lake lake;
  private final ReportRequest request;
  private final ZoneId zone;
  private final Clock clock;
  private final long incrementalFrom;
  private final FormSettings forms;

  /**
   * @param zone tax.timezone; must be the zone the version was computed in
   * @param incrementalFrom report.incremental-from: a version with fewer allocations is recomputed
   *     whole, which is then faster than reading the unchanged symbols' rows back
   * @param forms tax.form-8949: the boxes and lines of Form 8949 ({@code tax} and {@code all} with
   *     a year)
   */
  public ReportJob(
      Lake lake,
      ReportRequest request,
      ZoneId zone,
      Clock clock,
      long incrementalFrom,
      FormSettings forms) {
    this.lake = lake;
    this.request = request;
    this.zone = zone;
    this.clock = clock;
    this.incrementalFrom = incrementalFrom;
    this.forms = forms;
  }

  /** A job with reference.conf's tax.form-8949. */
  public ReportJob(
      Lake lake, ReportRequest request, ZoneId zone, Clock clock, long incrementalFrom) {
    this(lake, request, zone, clock, incrementalFrom, FormSettings.DEFAULT);
  }

  /** A job with reference.conf's report.incremental-from. */
  public ReportJob(Lake lake, ReportRequest request, ZoneId zone, Clock clock) {
    this(lake, request, zone, clock, DEFAULT_INCREMENTAL_FROM);
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
    lake.undoInterruptedRun(); // report from the tables as they were before any killed run
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    if (!catalog.exists(version)) {
      throw Errors.unknownVersion("report", version, catalog.versions());
    }
    String method = catalog.method(version).orElseThrow();
    long allocationCount = ReportChecks.zone(lake, version, zone);
    List<LakeTable> tables = checkedTables();
    SparkSession spark = lake.spark();
    spark.sparkContext().setJobGroup("report", "report v" + version, false);
    boolean whole = allocationCount < incrementalFrom || !request.incremental();
    ReportScope scope = ReportState.scope(lake, version, zone, request.prices(), whole);
    LOG.info("report v{}: recomputing {}", version, scope.describe());
    List<Dataset<Row>> cached = new ArrayList<>();
    List<Dataset<Row>> keptRows = new ArrayList<>();
    try {
      // read: the allocations and open lots of the symbols to recompute
      Column rows = col("allocation_version").equalTo(version).and(scope.filter());
      Dataset<Row> allocations = keep(cached, lake.read(LakeTable.FIFO_ALLOCATIONS).filter(rows));
      Dataset<Row> inventory =
          keep(cached, lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(rows));
      Dataset<Row> prices = request.prices().rows(spark);

      // transform: the version's tables (the others' rows per symbol kept), the files' year's
      SymbolRows kept = scope.all() ? null : SymbolRows.kept(lake, version, scope.kept());
      Dataset<Row> sells = keep(cached, Sells.of(allocations, zone));
      ReportTables computed =
          ReportTables.compute(sells, allocations, inventory, prices, zone, kept);
      // every symbol's rows kept while the tables and the page are built on them: the unchanged
      // symbols' rows are read from the lake once, not by every table
      ReportTables all =
          kept == null ? computed : computed.keepingAll(symbolRows -> keep(keptRows, symbolRows));
      Map<LakeTable, List<Row>> allRows = all.collect(request.kind(), version);
      if (year != null) {
        ReportChecks.yearHasSells(allRows.get(LakeTable.PNL_DAILY), version, year, zone);
      }
      ReportTables shown = year == null ? all : inYear(allocations, inventory, prices, cached);
      Map<LakeTable, List<Row>> shownRows =
          year == null ? allRows : shown.collect(request.kind(), version);
      spark.sparkContext().setJobDescription("report v" + version + ": collect the page");
      ReportDataCollector collector =
          new ReportDataCollector(shown.all().topSells(), shownRows, review());
      ReportData page =
          request.kind().html()
              ? collector.collect(
                  version, method, zone.getId(), year, clock.instant(), !request.prices().isEmpty())
              : null;
      List<Headline> headlines = page != null ? page.headlines() : collector.headlines();

      // write: the lake's tables in one journaled run, then the files
      // before the writes: Spark plans again a kept table that reads a table written
      unpersist(keptRows);
      ReportLots lots = ReportLots.before(lake, request, scope);
      write(all, allRows, scope);
      Dataset<Row> lotRows = lots.rows(shown);
      Map<Path, Long> files =
          ReportFiles.write(spark, request, () -> lots.write(lotRows, all), shownRows, page);
      String forms = null;
      if (TaxFormReport.applies(request)) {
        String source =
            String.format(
                "fifo-pipeline version %d (%s), tax.timezone %s", version, method, zone.getId());
        TaxYearFiles filed =
            TaxYearFiles.write(
                lake, version, year, zone, this.forms, lotRows, prices, source, request.folder());
        files.putAll(filed.files());
        forms = filed.summary();
      }
      ReportResult result =
          new ReportResult(
              version,
              method,
              zone.getId(),
              year,
              headlines,
              tables,
              scope.describe(),
              files,
              request.prices().isEmpty()
                  ? List.of()
                  : ReportResult.unpriced(shownRows.get(LakeTable.PNL_BY_SYMBOL)),
              (System.nanoTime() - started) / 1_000_000,
              forms);
      LOG.info("report v{}: {} files in {} ms", version, files.size(), result.durationMs());
      return result;
    } finally {
      unpersist(keptRows);
      unpersist(cached);
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The lake tables the run replaces, each checked to have the columns this build writes. */
  private List<LakeTable> checkedTables() {
    List<LakeTable> tables = new ArrayList<>(request.kind().tables());
    if (TaxFormReport.applies(request)) {
      tables.addAll(ReportKind.yearTables());
    }
    SideBySide.run(
        "report-check",
        tables.stream().<Runnable>map(table -> () -> ReportChecks.schema(lake, table)).toList());
    return tables;
  }

  /** The tables of the {@code --year}'s sells, for the files. */
  private ReportTables inYear(
      Dataset<Row> allocations,
      Dataset<Row> inventory,
      Dataset<Row> prices,
      List<Dataset<Row>> cached) {
    Column inYear = year(Dates.localDate(col("sell_time"), zone)).equalTo(request.year());
    Dataset<Row> allocationsInYear = allocations.filter(inYear);
    Dataset<Row> sells = keep(cached, Sells.of(allocationsInYear, zone));
    return ReportTables.compute(sells, allocationsInYear, inventory, prices, zone, null);
  }

  /** The review rows of the version, and those of ingestion. */
  private Dataset<Row> review() {
    Column version = col("allocation_version");
    return lake.read(LakeTable.MANUAL_REVIEW_QUEUE)
        .filter(version.isNull().or(version.equalTo(request.version())));
  }

  /** Persists {@code rows} until the run ends. */
  private static Dataset<Row> keep(List<Dataset<Row>> cached, Dataset<Row> rows) {
    cached.add(rows.persist(StorageLevel.MEMORY_AND_DISK()));
    return rows;
  }

  /**
   * Unpersists {@code rows}, the last kept first, and forgets them: Spark plans again a kept table
   * whose rows it has not all computed when a table it is built on goes before it.
   */
  private static void unpersist(List<Dataset<Row>> rows) {
    for (int i = rows.size() - 1; i >= 0; i--) {
      rows.get(i).unpersist();
    }
    rows.clear();
  }

  /**
   * Replaces the version's rows of the kind's tables, in one journaled run: the rows per symbol of
   * the recomputed symbols, the other tables whole from their collected rows; the tables side by
   * side. {@code report all} records what it read and wrote for the next one.
   */
  private void write(ReportTables tables, Map<LakeTable, List<Row>> rows, ReportScope scope) {
    int version = request.version();
    SparkSession spark = lake.spark();
    boolean all = request.kind() == ReportKind.ALL;
    if (all) {
      ReportState.forget(lake, version);
    }
    if (all && scope.symbols().map(Set::isEmpty).orElse(false)) {
      LOG.info("report v{}: no symbol changed: the lake's report tables stay as they are", version);
      ReportState.write(lake, version, zone, request.prices(), scope);
      return;
    }
    try (LakeWrite write = lake.beginWrite("report v" + version, request.kind().tables())) {
      List<Runnable> writes = new ArrayList<>();
      for (LakeTable table : request.kind().tables()) {
        writes.add(
            () -> {
              spark.sparkContext().setJobDescription("report v" + version + ": write " + table);
              boolean perSymbol = ReportTables.perSymbol(table);
              Dataset<Row> written =
                  perSymbol
                      ? tables.lakeRows(table, version, false)
                      : spark.createDataFrame(rows.get(table), LakeSchemas.of(table));
              String slice =
                  perSymbol ? scope.predicate(version) : "allocation_version = " + version;
              write.replace(table, written, slice);
              lake.crashPoints().reached("report.after-" + table.tableName());
            });
      }
      SideBySide.run("report-write", writes);
      write.commit();
    }
    if (all) {
      ReportState.write(lake, version, zone, request.prices(), scope);
    }
  }
}
