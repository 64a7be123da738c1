package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The report rows that each belong to one (account, symbol), computed from its allocations and open
 * lots alone, without the {@code allocation_version} column. Every other report table adds these
 * up, so a report recomputes the changed symbols' rows and keeps the others' from the lake.
 *
 * @param pnlBySymbol rows of {@link PnlReports#bySymbol}
 * @param pnlDailyBySymbol rows of {@link PnlReports#dailyBySymbol}
 * @param winRateBySymbol rows of {@link WinRates#bySymbol}
 * @param taxSummaryBySymbol rows of {@link TaxReports#summaryBySymbol}
 * @param topSells rows of {@link TopSells#bySymbol}
 */
record SymbolRows(
    Dataset<Row> pnlBySymbol,
    Dataset<Row> pnlDailyBySymbol,
    Dataset<Row> winRateBySymbol,
    Dataset<Row> taxSummaryBySymbol,
    Dataset<Row> topSells) {

  /**
   * @param sells rows of {@link Sells#of}
   * @param lots rows of {@link TaxReports#lots} of the same allocations
   * @param inventory rows of {@code fifo_inventory_snapshot} of the same symbols
   * @param prices columns symbol and mark_price; may be empty
   */
  static SymbolRows of(
      Dataset<Row> sells, Dataset<Row> lots, Dataset<Row> inventory, Dataset<Row> prices) {
    return new SymbolRows(
        PnlReports.bySymbol(sells, inventory, prices),
        PnlReports.dailyBySymbol(sells),
        WinRates.bySymbol(sells),
        TaxReports.summaryBySymbol(lots),
        TopSells.bySymbol(sells));
  }

  /** The rows the lake holds for {@code version} where {@code kept} holds. */
  static SymbolRows kept(Lake lake, int version, Column kept) {
    Column rows = col("allocation_version").equalTo(version).and(kept);
    return new SymbolRows(
        read(lake, LakeTable.PNL_BY_SYMBOL, rows),
        read(lake, LakeTable.PNL_DAILY_BY_SYMBOL, rows),
        read(lake, LakeTable.WIN_RATE, rows.and(col("symbol").notEqual(WinRates.ALL))),
        read(lake, LakeTable.TAX_SUMMARY_BY_SYMBOL, rows),
        read(lake, LakeTable.TOP_SELLS, rows));
  }

  /** These rows and {@code other}'s, of other symbols. */
  SymbolRows union(SymbolRows other) {
    return new SymbolRows(
        pnlBySymbol.unionByName(other.pnlBySymbol),
        pnlDailyBySymbol.unionByName(other.pnlDailyBySymbol),
        winRateBySymbol.unionByName(other.winRateBySymbol),
        taxSummaryBySymbol.unionByName(other.taxSummaryBySymbol),
        topSells.unionByName(other.topSells));
  }

  /** These rows, each table passed through {@code each}. */
  SymbolRows map(UnaryOperator<Dataset<Row>> each) {
    return new SymbolRows(
        each.apply(pnlBySymbol),
        each.apply(pnlDailyBySymbol),
        each.apply(winRateBySymbol),
        each.apply(taxSummaryBySymbol),
        each.apply(topSells));
  }

  private static Dataset<Row> read(Lake lake, LakeTable table, Column rows) {
    return Lake.conform(table, lake.read(table).filter(rows)).drop("allocation_version");
  }
}
