package dev.fifopipeline.report.html;

import static dev.fifopipeline.report.html.Html.count;
import static dev.fifopipeline.report.html.Html.escape;
import static dev.fifopipeline.report.html.Html.money;
import static dev.fifopipeline.report.html.Html.percent;
import static dev.fifopipeline.report.html.Html.quantity;
import static dev.fifopipeline.report.html.Html.signedMoney;

import java.util.List;
import java.util.Map;

/** The page's tables. */
final class Tables {
  private static final int REVIEW_ROWS = 30;

  private Tables() {}

  static void tax(StringBuilder page, List<ReportData.Tax> tax) {
    page.append("<div class=\"box\"><h3>Schedule D totals</h3>\n<table><tr><th>tax year</th>")
        .append("<th>term</th><th class=\"n\">lots</th><th class=\"n\">proceeds</th>")
        .append("<th class=\"n\">cost basis</th><th class=\"n\">gain</th></tr>\n");
    for (ReportData.Tax line : tax) {
      page.append("<tr><td>")
          .append(line.year())
          .append("</td><td>")
          .append(escape(line.term()))
          .append("</td>")
          .append(num(count(line.lots())))
          .append(num(money(line.proceeds(), line.quote())))
          .append(num(money(line.costBasis(), line.quote())))
          .append(num(signedMoney(line.gain(), line.quote())))
          .append("</tr>\n");
    }
    page.append("</table>\n<p class=\"small\">Form 8949 lines are in tax_lots.csv; parts of")
        .append(" sells without a buy lot (term unknown) are in tax_lots_unmatched.csv.</p>")
        .append("</div>\n");
  }

  static void sells(StringBuilder page, String which, List<ReportData.Sell> sells) {
    page.append("<div class=\"box\"><h3>")
        .append(which)
        .append(" ")
        .append(sells.size())
        .append(" sells by pnl</h3>\n<table><tr><th>date</th><th>symbol</th><th>sell</th>")
        .append("<th class=\"n\">size</th><th class=\"n\">proceeds</th>")
        .append("<th class=\"n\">pnl</th></tr>\n");
    for (ReportData.Sell s : sells) {
      sellCells(page, s, shortId(s.sellOrderId()))
          .append(num(quantity(s.size())))
          .append(num(money(s.proceeds(), s.quote())))
          .append(num(signedMoney(s.pnl(), s.quote())))
          .append("</tr>\n");
    }
    page.append("</table></div>\n");
  }

  static void symbols(StringBuilder page, List<ReportData.Symbol> symbols, boolean priced) {
    page.append("<h2>By symbol</h2>\n<div class=\"box\"><table><tr><th>symbol</th>")
        .append("<th class=\"n\">sells</th><th class=\"n\">win rate</th>")
        .append("<th class=\"n\">realized pnl</th><th class=\"n\">fees</th>")
        .append("<th class=\"n\">open lots</th><th class=\"n\">open size</th>")
        .append("<th class=\"n\">open cost basis</th><th class=\"n\">average cost</th>");
    if (priced) {
      page.append("<th class=\"n\">mark price</th><th class=\"n\">unrealized pnl</th>");
    }
    page.append("</tr>\n");
    for (ReportData.Symbol s : symbols) {
      page.append("<tr><td>")
          .append(escape(s.label()))
          .append("</td>")
          .append(num(count(s.sells())))
          .append(num(percent(s.winRate())))
          .append(num(signedMoney(s.realizedPnl(), s.quote())))
          .append(num(money(s.fees(), s.quote())))
          .append(num(count(s.openLots())))
          .append(num(quantity(s.openSize())))
          .append(num(money(s.openCostBasis(), s.quote())))
          .append(num(averageCost(s)));
      if (priced) {
        page.append(num(quantity(s.markPrice())))
            .append(num(signedMoney(s.unrealizedPnl(), s.quote())));
      }
      page.append("</tr>\n");
    }
    page.append("</table></div>\n");
  }

  static void unmatched(StringBuilder page, List<ReportData.Sell> sells, long total) {
    page.append("<h2>Unmatched sells</h2>\n<div class=\"box")
        .append(total > 0 ? " warn" : "")
        .append("\">");
    if (total == 0) {
      page.append("<p>Every sell found its buy lots.</p></div>\n");
      return;
    }
    page.append("<p>")
        .append(count(total))
        .append(" sells sold more than the ledger's open lots. Their unmatched parts have")
        .append(" proceeds but no cost basis: a buy is missing from the ledger (find it in the")
        .append(" exchange's fills, ingest it and recompute the version).</p>\n")
        .append("<table><tr><th>date</th><th>symbol</th><th>sell</th>")
        .append("<th class=\"n\">unmatched size</th><th class=\"n\">proceeds without basis</th>")
        .append("<th class=\"n\">matched size</th></tr>\n");
    for (ReportData.Sell s : sells) {
      sellCells(page, s, escape(s.sellOrderId()))
          .append(num(quantity(s.unmatchedSize())))
          .append(num(money(s.unmatchedProceeds(), s.quote())))
          .append(num(quantity(s.size().subtract(s.unmatchedSize()))))
          .append("</tr>\n");
    }
    page.append("</table></div>\n");
  }

  static void review(
      StringBuilder page, Map<String, Long> reasons, List<ReportData.Review> rows, long total) {
    page.append("<h2>Review queue</h2>\n<div class=\"box")
        .append(total > 0 ? " warn" : "")
        .append("\">");
    if (total == 0) {
      page.append("<p>manual_review_queue is empty.</p></div>\n");
      return;
    }
    page.append("<p>")
        .append(count(total))
        .append(" rows in manual_review_queue (ingest findings and this version's unmatched")
        .append(" sells):</p>\n<p class=\"chips\">");
    reasons.forEach(
        (reason, n) ->
            page.append("<span>").append(escape(reason)).append(": ").append(n).append("</span>"));
    page.append("</p>\n<table><tr><th>order</th><th>symbol</th><th>reason</th><th>details</th>")
        .append("</tr>\n");
    for (ReportData.Review r : HtmlPage.first(rows, REVIEW_ROWS)) {
      page.append("<tr><td class=\"id\" title=\"")
          .append(escape(r.orderId()))
          .append("\"><code>")
          .append(shortId(r.orderId()))
          .append("</code></td><td class=\"id\">")
          .append(escape(r.symbol()))
          .append("</td><td>")
          .append(escape(r.reason()))
          .append("</td><td class=\"small\">")
          .append(escape(r.details()))
          .append("</td></tr>\n");
    }
    page.append("</table>");
    if (total > REVIEW_ROWS) {
      page.append("<p class=\"small\">First ")
          .append(REVIEW_ROWS)
          .append(" shown; query manual_review_queue for all.</p>");
    }
    page.append("</div>\n");
  }

  /** Opens a sell's row: its date, symbol and order id ({@code idHtml}, already escaped). */
  private static StringBuilder sellCells(StringBuilder page, ReportData.Sell s, String idHtml) {
    return page.append("<tr><td>")
        .append(s.sellDate().format(HtmlPage.DATE))
        .append("</td><td>")
        .append(escape(label(s.account(), s.symbol())))
        .append("</td><td><code>")
        .append(idHtml)
        .append("</code></td>");
  }

  /** Open cost basis per unit, to 8 decimals: a price, not an amount to round to cents. */
  private static String averageCost(ReportData.Symbol s) {
    java.math.BigDecimal average = HtmlPage.averageCost(s);
    return average == null
        ? quantity(null)
        : quantity(average.setScale(8, java.math.RoundingMode.HALF_UP));
  }

  private static String num(String html) {
    return "<td class=\"n\">" + html + "</td>";
  }

  private static String label(String account, String symbol) {
    return account == null ? symbol : account + "/" + symbol;
  }

  /** The first 8 characters of a long (UUID) order id, escaped. */
  private static String shortId(String id) {
    return id != null && id.length() > 13 ? escape(id.substring(0, 8)) + "&hellip;" : escape(id);
  }
}
