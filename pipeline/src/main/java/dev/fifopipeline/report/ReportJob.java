package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.LakeWrite;
import dev.fifopipeline.report.html.Headline;
import dev.fifopipeline.report.html.ReportData;
import dev.fifopipeline.spark.Dates;
import dev.fifopipeline.taxform.FormSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>Read, transform, write: the allocations and open lots of the symbols to recompute (every
 * symbol, or for {@code report all} those changed since the last one, see {@link ReportState}) and
 * the other symbols' rows per symbol from the lake; the tables over all symbols added up from the
 * rows per symbol and collected, with what the page shows, before anything is written; then one
 * journaled write of the tables, and the files. {@code tax_lots}, one row per allocation, streams.
 * A tax report of one year also fills that year's Form 8949 and Schedule D ({@link TaxFormReport})
 * and its year-end lots ({@link YearEndReport}).
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  /** reference.conf's report.incremental-from. */
  public static final long DEFAULT_INCREMENTAL_FROM = 100_000;

  private static final StructType PRICES =
      new StructType().add("symbol", DataTypes.StringType).add("mark_price", LakeSchemas.MONEY);

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
    long allocationCount = ReportChecks.zone(lake, version, zone);
    List<LakeTable> tables = new ArrayList<>(request.kind().tables());
    if (TaxFormReport.applies(request)) {
      tables.addAll(ReportKind.yearTables());
    }
    tables.forEach(table -> ReportChecks.schema(lake, table));
    SparkSession spark = lake.spark();
    spark.sparkContext().setJobGroup("report", "report v" + version, false);
    boolean small = allocationCount < incrementalFrom;
    ReportScope scope =
        ReportState.scope(lake, version, zone, request.prices(), small || !request.incremental());
    LOG.info("report v{}: recomputing {}", version, scope.describe());
    Column rows = col("allocation_version").equalTo(version).and(scope.filter());
    Dataset<Row> allocations = lake.read(LakeTable.FIFO_ALLOCATIONS).filter(rows);
    Dataset<Row> inventory = lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(rows);
    List<Dataset<Row>> cached = new ArrayList<>();
    cached.add(allocations.persist(StorageLevel.MEMORY_AND_DISK()));
    cached.add(inventory.persist(StorageLevel.MEMORY_AND_DISK()));
    try {
      Dataset<Row> prices = prices(spark);
      Dataset<Row> sells = Sells.of(allocations, zone);
      cached.add(sells.persist(StorageLevel.MEMORY_AND_DISK()));
      SymbolRows kept = scope.all() ? null : SymbolRows.kept(lake, version, scope.kept());
      ReportTables all = ReportTables.compute(sells, allocations, inventory, prices, zone, kept);
      Map<LakeTable, List<Row>> allRows = collect(all, version);
      if (year != null) {
        ReportChecks.yearHasSells(allRows.get(LakeTable.PNL_DAILY), version, year, zone);
      }

      ReportTables shown = all;
      Map<LakeTable, List<Row>> shownRows = allRows;
      if (year != null) {
        Column inYear = year(Dates.localDate(col("sell_time"), zone)).equalTo(year);
        Dataset<Row> allocationsInYear = allocations.filter(inYear);
        Dataset<Row> sellsInYear = Sells.of(allocationsInYear, zone);
        cached.add(sellsInYear.persist(StorageLevel.MEMORY_AND_DISK()));
        shown = ReportTables.compute(sellsInYear, allocationsInYear, inventory, prices, zone, null);
        shownRows = collect(shown, version);
      }
      spark.sparkContext().setJobDescription("report v" + version + ": collect the page");
      Dataset<Row> review =
          lake.read(LakeTable.MANUAL_REVIEW_QUEUE)
              .filter(
                  col("allocation_version")
                      .isNull()
                      .or(col("allocation_version").equalTo(version)));
      String method = catalog.method(version).orElseThrow();
      ReportDataCollector collector =
          new ReportDataCollector(shown.all().topSells(), shownRows, review);
      ReportData data =
          request.kind().html()
              ? collector.collect(
                  version, method, zone.getId(), year, clock.instant(), !request.prices().isEmpty())
              : null;
      List<Headline> headlines = data != null ? data.headlines() : collector.headlines();

      Optional<Map<Path, Long>> lotFiles =
          year == null && !scope.all() && request.kind().files().contains(LakeTable.TAX_LOTS)
              ? TaxLotsFiles.current(lake, version, request.folder())
              : Optional.empty();
      write(all, allRows, scope);

      Dataset<Row> lots =
          !request.kind().files().contains(LakeTable.TAX_LOTS)
              ? null
              : year != null
                  ? shown.lakeRows(LakeTable.TAX_LOTS, version, false)
                  : Lake.conform(
                      LakeTable.TAX_LOTS,
                      lake.read(LakeTable.TAX_LOTS)
                          .filter(col("allocation_version").equalTo(version)));
      Map<Path, Long> files =
          ReportFiles.write(
              spark, request, () -> taxLotFiles(lots, all, scope, lotFiles), shownRows, data);
      String formLines = null;
      if (TaxFormReport.applies(request)) {
        TaxFormReport form =
            new TaxFormReport(
                lake,
                version,
                year,
                forms,
                lots,
                String.format(
                    "fifo-pipeline version %d (%s), tax.timezone %s",
                    version, method, zone.getId()));
        try {
          form.writeLake();
          files.putAll(form.writeFiles(request.folder()));
          formLines = form.summary();
        } finally {
          form.close();
        }
        YearEndReport yearEnd = new YearEndReport(lake, version, year, zone, prices);
        try {
          yearEnd.writeLake();
          files.putAll(yearEnd.writeFiles(request.folder()));
          formLines = formLines + System.lineSeparator() + yearEnd.summary();
        } finally {
          yearEnd.close();
        }
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
              request.prices().isEmpty() ? List.of() : unpriced(shownRows),
              (System.nanoTime() - started) / 1_000_000,
              formLines);
      LOG.info("report v{}: {} files in {} ms", version, files.size(), result.durationMs());
      return result;
    } finally {
      cached.forEach(Dataset::unpersist);
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * Replaces the version's rows of the kind's tables, in one journaled run: the rows per symbol of
   * the recomputed symbols, the other tables whole from their collected rows. {@code report all}
   * records what it read and wrote for the next one.
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
      for (LakeTable table : request.kind().tables()) {
        spark.sparkContext().setJobDescription("report v" + version + ": write " + table);
        boolean perSymbol = ReportTables.perSymbol(table);
        Dataset<Row> written =
            perSymbol
                ? tables.lakeRows(table, version, false)
                : spark.createDataFrame(rows.get(table), LakeSchemas.of(table));
        String slice = perSymbol ? scope.predicate(version) : "allocation_version = " + version;
        write.replace(table, written, slice);
        lake.crashPoints().reached("report.after-" + table.tableName());
      }
      write.commit();
    }
    if (all) {
      ReportState.write(lake, version, zone, request.prices(), scope);
    }
  }

  /**
   * Writes the tax-lot files: with {@code --year} whole from the year's lots; otherwise merged into
   * the {@code current} files when only some symbols were recomputed (see {@link TaxLotsFiles}),
   * kept when none was, whole from the lake's {@code lots} when the files are not current, and
   * recorded for the next report.
   */
  private Map<Path, Long> taxLotFiles(
      Dataset<Row> lots,
      ReportTables computed,
      ReportScope scope,
      Optional<Map<Path, Long>> current) {
    int version = request.version();
    Path folder = request.folder();
    if (request.year() != null) {
      return ReportFiles.taxLots(lots, folder);
    }
    TaxLotsFiles.forget(lake, version);
    long started = System.nanoTime();
    String how;
    Map<Path, Long> files;
    if (current.isPresent() && scope.symbols().orElseThrow().isEmpty()) {
      LOG.info("report v{}: no symbol changed: the tax-lot files stay as they are", version);
      files = current.get();
      how = "kept";
    } else if (current.isPresent()) {
      how = "merged (" + scope.describe() + ")";
      files =
          TaxLotsFiles.merge(
              folder,
              scope.symbols().orElseThrow(),
              computed.lakeRows(LakeTable.TAX_LOTS, version, false));
    } else {
      how = "written whole";
      files = ReportFiles.taxLots(lots, folder);
    }
    LOG.info(
        "report v{}: tax-lot files {}: {} lots in {} ms",
        version,
        how,
        files.values().stream().mapToLong(Long::longValue).sum(),
        (System.nanoTime() - started) / 1_000_000);
    try {
      TaxLotsFiles.record(lake, version, folder, files);
    } catch (PipelineException e) {
      LOG.warn("report v{}: could not record the tax-lot files: {}", version, e.getMessage());
    }
    return files;
  }

  /**
   * The small tables in file order with their version column: the kind's, and pnl_by_symbol,
   * pnl_daily and win_rate always (the headlines and the years with sells).
   */
  private Map<LakeTable, List<Row>> collect(ReportTables tables, int version) {
    Map<LakeTable, List<Row>> rows = new EnumMap<>(LakeTable.class);
    List<LakeTable> wanted = new ArrayList<>(request.kind().tables());
    for (LakeTable always :
        List.of(LakeTable.PNL_BY_SYMBOL, LakeTable.PNL_DAILY, LakeTable.WIN_RATE)) {
      if (!wanted.contains(always)) {
        wanted.add(always);
      }
    }
    for (LakeTable table : wanted) {
      if (!ReportTables.perSymbol(table)) {
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
