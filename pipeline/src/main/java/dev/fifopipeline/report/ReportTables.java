package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.SideBySide;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The report tables of one version (without their {@code allocation_version} column): the rows per
 * symbol of the symbols a report recomputes ({@code changed}), and the tables over all symbols
 * added up from the rows per symbol of every symbol ({@code all}: the changed symbols' new rows and
 * the others' from the lake).
 *
 * @param all rows per symbol of every symbol of the version (or of a tax year)
 * @param changed rows per symbol of the recomputed symbols; {@code all} when every symbol is
 * @param taxLots rows of {@link TaxReports#lots} of the recomputed symbols
 */
public record ReportTables(SymbolRows all, SymbolRows changed, Dataset<Row> taxLots) {

  /**
   * Computes every table of the symbols of {@code allocations}. Nothing runs until a table is used.
   *
   * @param sells rows of {@link Sells#of} of {@code allocations}
   * @param allocations rows of {@code fifo_allocations} of one version
   * @param inventory rows of {@code fifo_inventory_snapshot} of the same version
   * @param prices columns symbol and mark_price; may be empty
   * @param zone tax.timezone
   * @param kept rows per symbol of the symbols not recomputed, or null when every symbol is
   */
  static ReportTables compute(
      Dataset<Row> sells,
      Dataset<Row> allocations,
      Dataset<Row> inventory,
      Dataset<Row> prices,
      ZoneId zone,
      SymbolRows kept) {
    Dataset<Row> lots = TaxReports.lots(allocations, zone);
    SymbolRows changed = SymbolRows.of(sells, lots, inventory, prices);
    if (kept == null) {
      return new ReportTables(changed, changed, lots);
    }
    return new ReportTables(changed.union(kept), changed, lots);
  }

  /** Every table of every symbol of {@code allocations}, e.g. in tests. */
  public static ReportTables compute(
      Dataset<Row> allocations, Dataset<Row> inventory, Dataset<Row> prices, ZoneId zone) {
    return compute(Sells.of(allocations, zone), allocations, inventory, prices, zone, null);
  }

  /**
   * These tables with every symbol's rows passed through {@code each}, e.g. persisted: the tables
   * over all symbols and the page read them several times, and the unchanged symbols' rows come
   * from the lake.
   */
  ReportTables keepingAll(UnaryOperator<Dataset<Row>> each) {
    return new ReportTables(all.map(each), changed, taxLots);
  }

  /**
   * Whether a report writes only the recomputed symbols' rows of {@code table}: the rows per symbol
   * and the tax lots. The other tables are rewritten whole for the version.
   */
  public static boolean perSymbol(LakeTable table) {
    return switch (table) {
      case TAX_LOTS, PNL_DAILY_BY_SYMBOL, TAX_SUMMARY_BY_SYMBOL, TOP_SELLS -> true;
      default -> false;
    };
  }

  /** The rows of {@code table}, unordered: of the recomputed symbols when {@link #perSymbol}. */
  public Dataset<Row> of(LakeTable table) {
    return switch (table) {
      case PNL_BY_SYMBOL -> all.pnlBySymbol();
      case PNL_BY_QUOTE -> PnlReports.byQuote(all.pnlBySymbol());
      case PNL_DAILY -> PnlReports.daily(all.pnlDailyBySymbol());
      case PNL_MONTHLY -> PnlReports.monthly(all.pnlDailyBySymbol());
      case WIN_RATE -> WinRates.withTotals(all.winRateBySymbol());
      case TAX_LOTS -> taxLots;
      case TAX_SUMMARY -> TaxReports.summaryOf(all.taxSummaryBySymbol());
      case PNL_DAILY_BY_SYMBOL -> changed.pnlDailyBySymbol();
      case TAX_SUMMARY_BY_SYMBOL -> changed.taxSummaryBySymbol();
      case TOP_SELLS -> changed.topSells();
      default -> throw new IllegalArgumentException("not a report table: " + table);
    };
  }

  /**
   * The rows of a small {@code table} in one partition, in the order its file lists them (a sort
   * within one partition: no range-partitioning job for these small tables). Not for {@code
   * tax_lots}, one row per allocation: see {@link #taxLotsInFileOrder}.
   */
  public Dataset<Row> ordered(LakeTable table) {
    Dataset<Row> rows = of(table).coalesce(1);
    return switch (table) {
      case PNL_BY_SYMBOL ->
          rows.sortWithinPartitions(rows.col("account").asc_nulls_first(), rows.col("symbol"));
      case PNL_BY_QUOTE -> rows.sortWithinPartitions("quote");
      case PNL_DAILY -> rows.sortWithinPartitions("quote", "date");
      case PNL_MONTHLY -> rows.sortWithinPartitions("quote", "month");
      case WIN_RATE ->
          rows.sortWithinPartitions(
              rows.col("account").asc_nulls_first(),
              rows.col("symbol").equalTo(WinRates.ALL),
              rows.col("symbol"));
      case TAX_LOTS, PNL_DAILY_BY_SYMBOL, TAX_SUMMARY_BY_SYMBOL, TOP_SELLS ->
          throw new IllegalArgumentException(table + " is not a small table");
      case TAX_SUMMARY -> rows.sortWithinPartitions("tax_year", "quote", "term");
      default -> throw new IllegalArgumentException("not a report table: " + table);
    };
  }

  /**
   * Rows of {@code tax_lots} in the order its files list them (by date sold, symbol and sell, then
   * date acquired and buy), range-partitioned into about {@code rows / rowsPerPartition}
   * partitions. A file is written by fetching one partition at a time to the driver, so each must
   * be small: in one partition, 10M lots are one task result larger than a 4 GiB driver.
   *
   * @param lots rows of {@link TaxReports#lots}, with or without the version column
   * @param rows how many rows {@code lots} holds (a bound is enough)
   * @param rowsPerPartition at most this many rows per partition, on average
   */
  public static Dataset<Row> taxLotsInFileOrder(
      Dataset<Row> lots, long rows, long rowsPerPartition) {
    Column[] order = {
      lots.col("date_sold"),
      lots.col("symbol"),
      lots.col("sell_order_id"),
      lots.col("date_acquired").asc_nulls_last(),
      lots.col("buy_order_id").asc_nulls_last()
    };
    int partitions =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, ceilDiv(rows, rowsPerPartition)));
    return lots.repartitionByRange(partitions, order).sortWithinPartitions(order);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * The rows of {@code table} as the lake holds them: {@code allocation_version} first, the table's
   * columns in order and types; in file order when {@code ordered} (small tables only: see {@link
   * #ordered}).
   */
  public Dataset<Row> lakeRows(LakeTable table, int version, boolean ordered) {
    Dataset<Row> rows = ordered ? ordered(table) : of(table);
    List<Column> columns = new ArrayList<>();
    columns.add(lit(version).as("allocation_version"));
    for (String name : rows.columns()) {
      columns.add(col(name));
    }
    return Lake.conform(table, rows.select(columns.toArray(Column[]::new)));
  }

  /**
   * The small tables in file order with their version column, collected: the {@code kind}'s, and
   * pnl_by_symbol, pnl_daily and win_rate always (the headlines and the years with sells); side by
   * side.
   */
  Map<LakeTable, List<Row>> collect(ReportKind kind, int version) {
    Map<LakeTable, List<Row>> rows = new EnumMap<>(LakeTable.class);
    List<LakeTable> wanted = new ArrayList<>(kind.tables());
    for (LakeTable always :
        List.of(LakeTable.PNL_BY_SYMBOL, LakeTable.PNL_DAILY, LakeTable.WIN_RATE)) {
      if (!wanted.contains(always)) {
        wanted.add(always);
      }
    }
    rows.putAll(
        SideBySide.map(
            "report-collect",
            wanted.stream().filter(table -> !perSymbol(table)).toList(),
            table -> {
              taxLots
                  .sparkSession()
                  .sparkContext()
                  .setJobDescription("report v" + version + ": " + table);
              return lakeRows(table, version, true).collectAsList();
            }));
    return rows;
  }
}
