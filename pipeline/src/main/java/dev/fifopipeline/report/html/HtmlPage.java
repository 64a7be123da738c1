package dev.fifopipeline.report.html;

import static dev.fifopipeline.report.html.Html.count;
import static dev.fifopipeline.report.html.Html.escape;
import static dev.fifopipeline.report.html.Html.image;
import static dev.fifopipeline.report.html.Html.money;
import static dev.fifopipeline.report.html.Html.percent;
import static dev.fifopipeline.report.html.Html.ratio;
import static dev.fifopipeline.report.html.Html.signedMoney;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The report as one self-contained HTML page: styles inline, charts embedded as PNG data URIs, no
 * external asset. A small inline script records in {@code body} attributes how many images decoded
 * and any script error, so a headless browser can check the page rendered.
 */
public final class HtmlPage {
  private static final int FULL = 1160;
  private static final int HALF = 570;

  private HtmlPage() {}

  /** The page for {@code data}. */
  public static String render(ReportData data) {
    StringBuilder page = new StringBuilder(256 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(title(data)))
        .append("</title>\n<style>")
        .append(Style.CSS)
        .append("</style>\n</head>\n<body data-images-loaded=\"0\" data-errors=\"\">\n<main>\n");
    page.append("<h1>").append(escape(title(data))).append("</h1>\n");
    page.append("<p class=\"meta\">")
        .append(data.year() == null ? "All tax years" : "Sells of tax year " + data.year())
        .append(" &middot; method ")
        .append(escape(data.method()))
        .append(" &middot; dates in ")
        .append(escape(data.zone()))
        .append(" &middot; generated ")
        .append(data.generatedAt().truncatedTo(ChronoUnit.SECONDS))
        .append("</p>\n");

    boolean first = true;
    for (Headline h : data.headlines()) {
      cards(page, h, data, first);
      first = false;
    }
    if (data.headlines().isEmpty()) {
      page.append("<p class=\"note\">No sells.</p>\n");
    }

    String unit = data.quotes().size() == 1 ? data.quotes().get(0) : "quote currency";
    if (!data.days().isEmpty()) {
      figure(page, Charts.cumulative(data.days(), unit, data.zone(), FULL, 380), "Cumulative PnL");
      figure(page, Charts.monthly(data.months(), unit, FULL, 300), "Realized PnL per month");
    }
    page.append("<section class=\"two\">\n");
    figure(page, Charts.pnlBySymbol(data.symbols(), unit, HALF), "Realized PnL by symbol");
    figure(page, Charts.winRateBySymbol(data.symbols(), HALF), "Win rate by symbol");
    page.append("</section>\n");

    page.append("<h2>Taxes</h2>\n<section class=\"two\">\n");
    figure(
        page,
        Charts.termsByYear(data.tax(), unit, data.quotes().size() > 1, HALF, 340),
        "Short vs long term per tax year");
    Tables.tax(page, data.tax());
    page.append("</section>\n");

    page.append("<h2>Best and worst sells</h2>\n<section class=\"two\">\n");
    Tables.sells(page, "Best", data.best());
    Tables.sells(page, "Worst", data.worst());
    page.append("</section>\n");

    Tables.symbols(page, data.symbols(), data.priced());
    Tables.unmatched(page, data.unmatched(), data.unmatchedSells());
    Tables.review(page, data.reviewReasons(), data.review(), data.reviewItems());
    definitions(page, data);
    page.append("</main>\n<script>").append(Style.SCRIPT).append("</script>\n</body>\n</html>\n");
    return page.toString();
  }

  private static void cards(StringBuilder page, Headline h, ReportData data, boolean first) {
    String q = h.quote();
    if (data.headlines().size() > 1) {
      page.append("<h3>In ").append(escape(q)).append("</h3>\n");
    }
    page.append("<section class=\"cards\">\n");
    card(page, "Realized PnL", signedMoney(h.realizedPnl(), q), count(h.sells()) + " sells");
    card(
        page,
        "Win rate",
        percent(h.winRate()),
        count(h.wins()) + " wins of " + count(h.matchedSells()) + " matched sells");
    card(
        page,
        "Profit factor",
        ratio(h.profitFactor()),
        money(h.grossProfit(), q) + " won / " + money(h.grossLoss(), q) + " lost");
    card(page, "Fees paid", money(h.fees(), q), money(h.volume(), q) + " sold");
    card(
        page,
        "Open inventory",
        money(h.openCostBasis(), q),
        count(h.openLots())
            + " lots at cost"
            + (h.unrealizedPnl() != null
                ? "; unrealized " + money(h.unrealizedPnl(), q) + " at the given prices"
                : data.priced() && h.unpricedSymbols() > 0
                    ? "; no price for " + count(h.unpricedSymbols()) + " open symbols"
                    : ""));
    if (first) {
      card(
          page,
          "Needs review",
          count(data.unmatchedSells()),
          "unmatched sells; " + count(data.reviewItems()) + " rows in manual_review_queue",
          data.unmatchedSells() > 0 || data.reviewItems() > 0 ? "warn" : "");
    }
    page.append("</section>\n");
  }

  private static String title(ReportData data) {
    return "Trading report: allocation version " + data.version();
  }

  private static void card(StringBuilder page, String label, String value, String note) {
    card(page, label, value, note, "");
  }

  private static void card(
      StringBuilder page, String label, String value, String note, String kind) {
    page.append("<div class=\"card ")
        .append(kind)
        .append("\"><div class=\"label\">")
        .append(escape(label))
        .append("</div><div class=\"value\">")
        .append(value)
        .append("</div><div class=\"note\">")
        .append(note)
        .append("</div></div>\n");
  }

  private static void figure(StringBuilder page, byte[] png, String alt) {
    page.append("<figure>").append(image(png, alt)).append("</figure>\n");
  }

  private static void definitions(StringBuilder page, ReportData data) {
    page.append("<h2>How to read this</h2>\n<ul class=\"defs\">\n")
        .append(
            "<li><b>Realized PnL</b> is the sum of pnl = proceeds &minus; cost basis over every")
        .append(" matched allocation; proceeds are net of the sell's fee share and the cost basis")
        .append(" carries the buy's fee share.</li>\n")
        .append("<li><b>Win rate</b>: a sell is a win when its total pnl over its matched")
        .append(" allocations is above zero, a loss below zero, breakeven at zero. A sell with an")
        .append(" unmatched rest is counted apart, never as a win or a loss. Win rate = wins /")
        .append(" fully matched sells.</li>\n")
        .append("<li><b>Profit factor</b> = pnl of the winning sells / |pnl of the losing")
        .append(" sells|; <b>expectancy</b> = realized pnl of the matched sells / matched")
        .append(" sells.</li>\n")
        .append("<li><b>Taxes</b>: one lot per allocation; dates, tax years and the one-year rule")
        .append(" in ")
        .append(escape(data.zone()))
        .append(". Long term when sold after the buy date's one-year anniversary. Unmatched parts")
        .append(" are listed apart (term <i>unknown</i>) and never given a cost basis.</li>\n")
        .append("<li><b>Currencies</b>: amounts are in the symbol's quote currency; amounts of")
        .append(" different quote currencies are never added up.</li>\n")
        .append("<li><b>Rounding</b>: the lake holds exact values (18 decimals); this page and")
        .append(" the CSV files round money to cents, half-up, so rounded lines need not add up")
        .append(" to a rounded total.</li>\n</ul>\n");
  }

  /** Dates as ISO {@code yyyy-MM-dd}. */
  static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  /** Average cost of open inventory, or null. */
  static BigDecimal averageCost(ReportData.Symbol s) {
    return s.openSize().signum() == 0
        ? null
        : s.openCostBasis().divide(s.openSize(), 18, RoundingMode.HALF_UP);
  }

  /** At most {@code n} of {@code list}. */
  static <T> List<T> first(List<T> list, int n) {
    return list.size() <= n ? list : list.subList(0, n);
  }
}
