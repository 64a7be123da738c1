package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.spark.Dates;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tax tables: {@code tax_lots}, one Form 8949 line per allocation, and {@code tax_summary}, the
 * Schedule D totals per tax year and term. Dates and tax years are taken in {@code tax.timezone}. A
 * sell's unmatched part is a lot of its own with its proceeds and a warning, but no acquisition
 * date, cost basis, gain or term: a basis is never made up.
 */
public final class TaxReports {
  /** Term of unmatched parts in {@code tax_summary}. */
  public static final String UNKNOWN_TERM = "unknown";

  /** The warning on a lot without a buy. */
  public static final String UNMATCHED_WARNING =
      "no buy lot in the ledger for this part of the sell: cost basis unknown (find the missing"
          + " buy, e.g. in the exchange's fills, ingest it and recompute the version)";

  private TaxReports() {}

  /**
   * One lot per allocation: description ({@code 188.9 SAPIEN}: size without trailing zeros and the
   * base asset), date_acquired, date_sold, proceeds, cost_basis, gain, term, tax_year, account,
   * symbol, quote, sell_order_id, buy_order_id, size, holding_days, warning.
   *
   * @param allocations rows of {@code fifo_allocations} of one version
   * @param zone {@code tax.timezone}
   */
  public static Dataset<Row> lots(Dataset<Row> allocations, ZoneId zone) {
    Column unmatched = col("buy_order_id").isNull();
    return allocations.select(
        concat(
                Columns.plain(col("allocated_size")),
                lit(" "),
                substring_index(col("symbol"), "-", 1))
            .as("description"),
        Dates.localDate(col("buy_time"), zone).as("date_acquired"),
        Dates.localDate(col("sell_time"), zone).as("date_sold"),
        col("proceeds"),
        col("cost_basis"),
        col("pnl").as("gain"),
        col("term"),
        year(Dates.localDate(col("sell_time"), zone)).as("tax_year"),
        col("account"),
        col("symbol"),
        Sells.quote(col("symbol")).as("quote"),
        col("sell_order_id"),
        col("buy_order_id"),
        col("allocated_size").as("size"),
        col("holding_days"),
        when(unmatched, lit(UNMATCHED_WARNING)).as("warning"));
  }

  /**
   * Totals per tax year, term and quote currency; unmatched parts under term {@code unknown}, with
   * their proceeds and a null cost basis and gain.
   *
   * @param lots rows of {@link #lots}
   */
  public static Dataset<Row> summary(Dataset<Row> lots) {
    return summaryOf(summaryBySymbol(lots));
  }

  /**
   * The totals of {@link #summary} per (account, symbol): what it adds up.
   *
   * @param lots rows of {@link #lots}
   */
  public static Dataset<Row> summaryBySymbol(Dataset<Row> lots) {
    return lots.groupBy(
            col("account"),
            col("symbol"),
            col("quote"),
            col("tax_year"),
            coalesce(col("term"), lit(UNKNOWN_TERM)).as("term"))
        .agg(
            count(lit(1)).as("lots"),
            sum(col("proceeds")).as("proceeds"),
            sum(col("cost_basis")).as("cost_basis"),
            sum(col("gain")).as("gain"));
  }

  /**
   * The rows of {@link #summary}, added up from {@link #summaryBySymbol} rows (a sum over only
   * nulls stays null, as over the lots).
   */
  public static Dataset<Row> summaryOf(Dataset<Row> summaryBySymbol) {
    return summaryBySymbol
        .groupBy(col("tax_year"), col("term"), col("quote"))
        .agg(
            sum(col("lots")).as("lots"),
            sum(col("proceeds")).as("proceeds"),
            sum(col("cost_basis")).as("cost_basis"),
            sum(col("gain")).as("gain"));
  }
}
