package dev.fifopipeline.compare;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.CsvFiles;
import dev.fifopipeline.report.Sells;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Compares the sells of two versions, or of a version and the legacy inline values: counts per
 * status, totals, the largest differences, and a CSV file with every sell, largest difference
 * first.
 */
public final class CompareJob {
  private final Lake lake;
  private final CompareRequest request;

  public CompareJob(Lake lake, CompareRequest request) {
    this.lake = lake;
    this.request = request;
  }

  /**
   * Runs the comparison.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) for an unknown version; (environment)
   *     when the file cannot be written
   */
  public CompareResult run() {
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    List<Integer> versions = new ArrayList<>(List.of(request.a()));
    if (request.b() != null) {
      versions.add(request.b());
    }
    for (int version : versions) {
      if (!catalog.exists(version)) {
        throw Errors.unknownVersion("compare", version, catalog.versions());
      }
    }
    lake.spark().sparkContext().setJobGroup("compare", "compare " + versions, false);
    Dataset<Row> rows =
        (request.legacy() ? legacy() : versions()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String a = "v" + request.a() + " (" + catalog.method(request.a()).orElseThrow() + ")";
      String title =
          a
              + " vs "
              + (request.legacy()
                  ? "legacy inline values"
                  : "v" + request.b() + " (" + catalog.method(request.b()).orElseThrow() + ")");
      List<String> order =
          request.legacy() ? SellComparisons.LEGACY_STATUSES : SellComparisons.VERSION_STATUSES;
      Map<String, Long> statuses = new LinkedHashMap<>();
      order.forEach(status -> statuses.put(status, 0L));
      long sells = 0;
      for (Row row : rows.groupBy("status").count().collectAsList()) {
        statuses.put(row.getString(0), row.getLong(1));
        sells += row.getLong(1);
      }
      CsvFiles.write(ordered(rows), request.file());
      Dataset<Row> bySymbol =
          SellComparisons.bySymbol(rows, request.legacy())
              .orderBy(abs(col("difference")).desc(), col("symbol"), col("account"));
      List<Row> symbols = bySymbol.collectAsList();
      CsvFiles.write(bySymbol.columns(), symbols, request.bySymbolFile());
      return new CompareResult(
          title,
          sells,
          statuses,
          totals(rows),
          header(),
          largest(rows),
          request.file(),
          List.of(bySymbol.columns()),
          symbolLines(bySymbol.columns(), symbols),
          request.bySymbolFile());
    } finally {
      rows.unpersist();
      lake.spark().sparkContext().clearJobGroup();
    }
  }

  private Dataset<Row> versions() {
    Dataset<Row> comparison = SellComparisons.versions(sells(request.a()), sells(request.b()));
    return comparison.select(
        prepend(comparison, lit(request.a()).as("version_a"), lit(request.b()).as("version_b")));
  }

  private Dataset<Row> legacy() {
    Dataset<Row> comparison =
        SellComparisons.legacy(sells(request.a()), lake.read(LakeTable.TRADE_RECORDS));
    return comparison.select(prepend(comparison, lit(request.a()).as("allocation_version")));
  }

  private Dataset<Row> sells(int version) {
    // dates are not compared: any zone will do
    return Sells.of(
        lake.read(LakeTable.FIFO_ALLOCATIONS).filter(col("allocation_version").equalTo(version)),
        ZoneOffset.UTC);
  }

  private static Column[] prepend(Dataset<Row> rows, Column... first) {
    List<Column> columns = new ArrayList<>(List.of(first));
    for (String name : rows.columns()) {
      columns.add(col(name));
    }
    return columns.toArray(Column[]::new);
  }

  private static Dataset<Row> ordered(Dataset<Row> rows) {
    return rows.orderBy(
        abs(col("difference")).desc_nulls_last(), col("sell_time"), col("sell_order_id"));
  }

  private String totals(Dataset<Row> rows) {
    if (request.legacy()) {
      Row t =
          rows.filter(col("legacy_pnl").isNotNull())
              .agg(sum("legacy_pnl"), sum("pnl"), count(lit(1)))
              .first();
      if (t.getLong(2) == 0) {
        return String.format(
            "no sell of v%d has legacy values (trade_records.pnl_usd is empty)", request.a());
      }
      return String.format(
          "%,d sells with legacy values: legacy pnl %s, v%d pnl %s of the same sells, difference"
              + " %s",
          t.getLong(2), cents(t, 0), request.a(), cents(t, 1), difference(t));
    }
    Row t = rows.agg(sum("pnl_a"), sum("pnl_b")).first();
    return String.format(
        "realized pnl: v%d %s, v%d %s, difference %s",
        request.a(), cents(t, 0), request.b(), cents(t, 1), difference(t));
  }

  private List<String> header() {
    return request.legacy()
        ? List.of("sell", "symbol", "sell_time", "legacy_pnl", "pnl", "difference", "status")
        : List.of(
            "sell",
            "symbol",
            "sell_time",
            "pnl_v" + request.a(),
            "pnl_v" + request.b(),
            "difference",
            "status");
  }

  private List<List<String>> largest(Dataset<Row> rows) {
    String[] columns =
        request.legacy()
            ? new String[] {"legacy_pnl", "pnl", "difference"}
            : new String[] {"pnl_a", "pnl_b", "difference"};
    List<List<String>> lines = new ArrayList<>();
    for (Row row :
        ordered(rows.filter(col("status").isin("same", "agrees", "no_legacy").equalTo(false)))
            .limit(request.limit())
            .collectAsList()) {
      List<String> line = new ArrayList<>();
      line.add(row.getAs("sell_order_id"));
      line.add(row.getAs("symbol"));
      line.add(CsvFiles.format("sell_time", row.getAs("sell_time")));
      for (String column : columns) {
        line.add(CsvFiles.format(column, row.getAs(column)));
      }
      line.add(row.getAs("status"));
      lines.add(line);
    }
    return lines;
  }

  /** The symbols with a difference, largest first, every value as the files render it. */
  private List<List<String>> symbolLines(String[] columns, List<Row> symbols) {
    List<List<String>> lines = new ArrayList<>();
    for (Row row : symbols) {
      BigDecimal difference = row.getAs("difference");
      if (lines.size() == request.limit() || difference.signum() == 0) {
        break;
      }
      List<String> line = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        line.add(CsvFiles.format(columns[i], row.get(i)));
      }
      lines.add(line);
    }
    return lines;
  }

  private static String cents(Row row, int i) {
    return row.isNullAt(i) ? "0.00" : CsvFiles.cents(row.getDecimal(i));
  }

  private static String difference(Row row) {
    BigDecimal a = row.isNullAt(0) ? BigDecimal.ZERO : row.getDecimal(0);
    BigDecimal b = row.isNullAt(1) ? BigDecimal.ZERO : row.getDecimal(1);
    return CsvFiles.cents(b.subtract(a));
  }
}
