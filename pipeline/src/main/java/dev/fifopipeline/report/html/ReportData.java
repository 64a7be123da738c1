package dev.fifopipeline.report.html;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the HTML page shows, as plain values (exact decimals, UTC instants, dates in the tax
 * zone). Lists are in display order.
 *
 * @param version allocation version
 * @param method its matching method
 * @param zone tax.timezone the dates are in
 * @param year the tax year shown, or null for all
 * @param generatedAt when the page was made
 * @param headlines the headline numbers per quote currency, largest volume first
 * @param reviewItems rows of manual_review_queue shown (ingest findings and this version's)
 * @param days realized pnl per sell date and quote, ascending
 * @param months realized pnl per month and quote, ascending
 * @param symbols one line per (account, symbol)
 * @param tax Schedule D totals per year and term
 * @param best the best sells by pnl, best first
 * @param worst the worst sells by pnl, worst first
 * @param unmatched sells with an unmatched rest, newest first
 * @param reviewReasons rows of manual_review_queue per reason
 * @param review some of those rows, newest first
 * @param priced whether mark prices were given
 */
public record ReportData(
    int version,
    String method,
    String zone,
    Integer year,
    Instant generatedAt,
    List<Headline> headlines,
    long reviewItems,
    List<Day> days,
    List<Month> months,
    List<Symbol> symbols,
    List<Tax> tax,
    List<Sell> best,
    List<Sell> worst,
    List<Sell> unmatched,
    Map<String, Long> reviewReasons,
    List<Review> review,
    boolean priced) {

  /** Realized pnl of one sell date and quote, and the quote's running total. */
  public record Day(
      String quote, LocalDate date, BigDecimal realizedPnl, BigDecimal cumulativePnl) {}

  /** Realized pnl of one calendar month ({@code 2025-12}) and quote. */
  public record Month(String quote, String month, BigDecimal realizedPnl) {}

  /** The quote currencies of the page, largest volume first. */
  public List<String> quotes() {
    return headlines.stream().map(Headline::quote).toList();
  }

  /** Sells over every quote currency. */
  public long sells() {
    return headlines.stream().mapToLong(Headline::sells).sum();
  }

  /** Unmatched sells over every quote currency. */
  public long unmatchedSells() {
    return headlines.stream().mapToLong(Headline::unmatchedSells).sum();
  }

  /** One (account, symbol): realized, win rate (null without matched sells) and open lots. */
  public record Symbol(
      String account,
      String symbol,
      String quote,
      long sells,
      long matchedSells,
      long wins,
      long unmatchedSells,
      BigDecimal winRate,
      BigDecimal realizedPnl,
      BigDecimal fees,
      long openLots,
      BigDecimal openSize,
      BigDecimal openCostBasis,
      BigDecimal markPrice,
      BigDecimal unrealizedPnl) {

    /** {@code account/symbol}, or the symbol without accounts. */
    public String label() {
      return account == null ? symbol : account + "/" + symbol;
    }
  }

  /** Totals of one tax year, term (short, long, unknown) and quote currency. */
  public record Tax(
      int year,
      String term,
      String quote,
      long lots,
      BigDecimal proceeds,
      BigDecimal costBasis,
      BigDecimal gain) {}

  /** One sell: its matched part, and its unmatched rest if any. */
  public record Sell(
      String account,
      String symbol,
      String quote,
      String sellOrderId,
      Instant sellTime,
      LocalDate sellDate,
      BigDecimal size,
      BigDecimal proceeds,
      BigDecimal costBasis,
      BigDecimal pnl,
      String buyOrderIds,
      BigDecimal unmatchedSize,
      BigDecimal unmatchedProceeds) {}

  /** One row of manual_review_queue. */
  public record Review(
      String orderId, String symbol, String reason, String details, Integer allocationVersion) {}
}
