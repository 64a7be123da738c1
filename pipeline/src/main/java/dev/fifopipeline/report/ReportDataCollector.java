package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.report.html.Headline;
import dev.fifopipeline.report.html.ReportData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Collects what the HTML page shows, on the driver: from the collected small tables, plus a few
 * small queries over the sells ranked per symbol ({@link TopSells}) and the review queue.
 */
final class ReportDataCollector {
  static final int REVIEW_ROWS = 30;

  private final Dataset<Row> topSells;
  private final Map<LakeTable, List<Row>> tables;
  private final Dataset<Row> review;

  /**
   * @param topSells rows of {@link TopSells#bySymbol} of every symbol the page covers
   * @param tables the collected small tables of the same scope; pnl_by_symbol and win_rate at least
   * @param review rows of manual_review_queue to show: ingest findings and the version's own
   */
  ReportDataCollector(
      Dataset<Row> topSells, Map<LakeTable, List<Row>> tables, Dataset<Row> review) {
    this.topSells = topSells;
    this.tables = tables;
    this.review = review;
  }

  /** Everything the page shows; needs every small table. */
  ReportData collect(
      int version,
      String method,
      String zone,
      Integer year,
      java.time.Instant generatedAt,
      boolean priced) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Row row :
        review
            .groupBy("reason")
            .count()
            .coalesce(1)
            .sortWithinPartitions("reason")
            .collectAsList()) {
      reasons.put(row.getString(0), row.getLong(1));
    }
    List<ReportData.Review> reviewRows = new ArrayList<>();
    for (Row row :
        review
            .orderBy(col("detected_at").desc(), col("reason"), col("order_id"))
            .limit(REVIEW_ROWS)
            .collectAsList()) {
      reviewRows.add(
          new ReportData.Review(
              row.getAs("order_id"),
              row.getAs("symbol"),
              row.getAs("reason"),
              row.getAs("details"),
              row.getAs("allocation_version")));
    }
    long reviewTotal = reasons.values().stream().mapToLong(Long::longValue).sum();
    return new ReportData(
        version,
        method,
        zone,
        year,
        generatedAt,
        headlines(),
        reviewTotal,
        days(),
        months(),
        symbols(),
        tax(),
        sellLines(TopSells.overall(topSells, TopSells.BEST)),
        sellLines(TopSells.overall(topSells, TopSells.WORST)),
        sellLines(TopSells.overall(topSells, TopSells.UNMATCHED)),
        reasons,
        reviewRows,
        priced);
  }

  /** The headline numbers per quote currency, largest volume first. */
  List<Headline> headlines() {
    return Headlines.of(tables.get(LakeTable.PNL_BY_SYMBOL), tables.get(LakeTable.WIN_RATE));
  }

  private List<ReportData.Day> days() {
    List<ReportData.Day> days = new ArrayList<>();
    for (Row row : tables.get(LakeTable.PNL_DAILY)) {
      days.add(
          new ReportData.Day(
              row.getAs("quote"),
              row.<LocalDate>getAs("date"),
              row.getAs("realized_pnl"),
              row.getAs("cumulative_pnl")));
    }
    return days;
  }

  private List<ReportData.Month> months() {
    List<ReportData.Month> months = new ArrayList<>();
    for (Row row : tables.get(LakeTable.PNL_MONTHLY)) {
      months.add(
          new ReportData.Month(row.getAs("quote"), row.getAs("month"), row.getAs("realized_pnl")));
    }
    return months;
  }

  private List<ReportData.Symbol> symbols() {
    Map<List<String>, Row> rates = new HashMap<>();
    for (Row row : tables.get(LakeTable.WIN_RATE)) {
      if (!WinRates.ALL.equals(row.getAs("symbol"))) {
        rates.put(key(row), row);
      }
    }
    List<ReportData.Symbol> symbols = new ArrayList<>();
    for (Row row : tables.get(LakeTable.PNL_BY_SYMBOL)) {
      Row rate = rates.get(key(row));
      symbols.add(
          new ReportData.Symbol(
              row.getAs("account"),
              row.getAs("symbol"),
              row.getAs("quote"),
              row.<Long>getAs("sells"),
              rate == null ? 0 : rate.<Long>getAs("matched_sells"),
              rate == null ? 0 : rate.<Long>getAs("wins"),
              row.<Long>getAs("unmatched_sells"),
              rate == null ? null : rate.getAs("win_rate"),
              row.getAs("realized_pnl"),
              row.getAs("fees"),
              row.<Long>getAs("open_lots"),
              row.getAs("open_size"),
              row.getAs("open_cost_basis"),
              row.getAs("mark_price"),
              row.getAs("unrealized_pnl")));
    }
    return symbols;
  }

  private List<ReportData.Tax> tax() {
    List<ReportData.Tax> lines = new ArrayList<>();
    for (Row row : tables.get(LakeTable.TAX_SUMMARY)) {
      lines.add(
          new ReportData.Tax(
              row.<Integer>getAs("tax_year"),
              row.getAs("term"),
              row.getAs("quote"),
              row.<Long>getAs("lots"),
              row.getAs("proceeds"),
              row.getAs("cost_basis"),
              row.getAs("gain")));
    }
    return lines;
  }

  private static List<ReportData.Sell> sellLines(Dataset<Row> ranked) {
    List<ReportData.Sell> lines = new ArrayList<>();
    for (Row row : ranked.collectAsList()) {
      lines.add(
          new ReportData.Sell(
              row.getAs("account"),
              row.getAs("symbol"),
              row.getAs("quote"),
              row.getAs("sell_order_id"),
              row.<Instant>getAs("sell_time"),
              row.<LocalDate>getAs("sell_date"),
              row.<BigDecimal>getAs("size"),
              row.getAs("proceeds"),
              row.getAs("cost_basis"),
              row.getAs("pnl"),
              row.getAs("buy_order_ids"),
              row.getAs("unmatched_size"),
              row.getAs("unmatched_proceeds")));
    }
    return lines;
  }

  private static List<String> key(Row row) {
    return java.util.Arrays.asList(row.<String>getAs("account"), row.<String>getAs("symbol"));
  }
}
