package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The report tables of one version (without their {@code allocation_version} column), computed from
 * its allocations and open inventory, plus the per-sell rows they are built from.
 *
 * @param sells rows of {@link Sells#of}
 * @param pnlBySymbol rows of {@link PnlReports#bySymbol}
 * @param pnlByQuote rows of {@link PnlReports#byQuote}
 * @param pnlDaily rows of {@link PnlReports#daily}
 * @param pnlMonthly rows of {@link PnlReports#monthly}
 * @param winRate rows of {@link WinRates#of}
 * @param taxLots rows of {@link TaxReports#lots}
 * @param taxSummary rows of {@link TaxReports#summary}
 */
public record ReportTables(
    Dataset<Row> sells,
    Dataset<Row> pnlBySymbol,
    Dataset<Row> pnlByQuote,
    Dataset<Row> pnlDaily,
    Dataset<Row> pnlMonthly,
    Dataset<Row> winRate,
    Dataset<Row> taxLots,
    Dataset<Row> taxSummary) {

  /**
   * Computes every table. Nothing runs until a table is used.
   *
   * @param allocations rows of {@code fifo_allocations} of one version
   * @param inventory rows of {@code fifo_inventory_snapshot} of the same version
   * @param prices columns symbol and mark_price; may be empty
   * @param zone tax.timezone
   */
  public static ReportTables compute(
      Dataset<Row> allocations, Dataset<Row> inventory, Dataset<Row> prices, ZoneId zone) {
    Dataset<Row> sells = Sells.of(allocations, zone);
    Dataset<Row> lots = TaxReports.lots(allocations, zone);
    Dataset<Row> bySymbol = PnlReports.bySymbol(sells, inventory, prices);
    return new ReportTables(
        sells,
        bySymbol,
        PnlReports.byQuote(bySymbol),
        PnlReports.daily(sells),
        PnlReports.monthly(sells),
        WinRates.of(sells),
        lots,
        TaxReports.summary(lots));
  }

  /** The rows of {@code table}, unordered. */
  public Dataset<Row> of(LakeTable table) {
    return switch (table) {
      case PNL_BY_SYMBOL -> pnlBySymbol;
      case PNL_BY_QUOTE -> pnlByQuote;
      case PNL_DAILY -> pnlDaily;
      case PNL_MONTHLY -> pnlMonthly;
      case WIN_RATE -> winRate;
      case TAX_LOTS -> taxLots;
      case TAX_SUMMARY -> taxSummary;
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
      case TAX_LOTS ->
          throw new IllegalArgumentException("tax_lots is large: order it with taxLotsInFileOrder");
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
}
