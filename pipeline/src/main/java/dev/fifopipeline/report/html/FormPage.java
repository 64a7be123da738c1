package dev.fifopipeline.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * A printable page of Form 8949 for one part and box, in pieces so that a box of a million lines is
 * written as it streams: {@link #head}, the {@link #row}s, {@link #tail}. With summary lines, the
 * head carries the form with the box's one summary line, and the rows follow as the attached
 * statement. Amounts are printed in whole cents as given, losses in parentheses; nothing is rounded
 * here.
 */
public final class FormPage {
  /**
   * What the page is about.
   *
   * @param taxYear the form's year
   * @param part {@code I} or {@code II}
   * @param box the checked box's letter
   * @param offered the captions of the boxes the part offers, e.g. {@code (A) Short-term ...}
   * @param scheduleDLine where the totals go on Schedule D, e.g. {@code 3}
   * @param summary the box's one summary line when the lots are an attached statement, else null
   * @param source what made the page: version, method, tax.timezone
   */
  public record Header(
      int taxYear,
      String part,
      String box,
      List<String> offered,
      String scheduleDLine,
      FormLine summary,
      String source) {}

  private FormPage() {}

  /** The page up to its first line. */
  public static String head(Header h) {
    boolean longTerm = "II".equals(h.part());
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Form 8949 (")
        .append(h.taxYear())
        .append(") Part ")
        .append(h.part())
        .append(", Box ")
        .append(Html.escape(h.box()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head>\n<body data-box=\"")
        .append(Html.escape(h.box()))
        .append("\">\n");
    out.append("<header class=\"top\"><div class=\"form\">Form <b>8949</b><br><small>")
        .append("Department of the Treasury<br>Internal Revenue Service</small></div>")
        .append("<div class=\"title\"><b>Sales and Other Dispositions of Capital Assets</b>")
        .append("<br><small>File with your Schedule D to list your transactions for lines 1b, 2,")
        .append(" 3, 8b, 9, and 10 of Schedule D.</small></div><div class=\"year\"><b>")
        .append(h.taxYear())
        .append("</b></div></header>\n");
    out.append("<div class=\"who\"><span>Name(s) shown on return</span>")
        .append("<span>Social security number or taxpayer identification number</span></div>\n");
    out.append("<h2><span class=\"part\">Part ")
        .append(h.part())
        .append("</span> ")
        .append(
            longTerm
                ? "Long-Term. Transactions involving capital assets you held more than 1 year"
                : "Short-Term. Transactions involving capital assets you held 1 year or less")
        .append("</h2>\n<p class=\"check\">Check only one box. If more than one box applies,")
        .append(" complete a separate Form 8949, page ")
        .append(longTerm ? 2 : 1)
        .append(", for each applicable box.</p>\n<ul class=\"boxes\">");
    for (String caption : h.offered()) {
      boolean checked = caption.startsWith("(" + h.box() + ")");
      out.append("<li")
          .append(checked ? " class=\"checked\"" : "")
          .append("><span class=\"cb\">")
          .append(checked ? "&#10004;" : "&nbsp;")
          .append("</span> ")
          .append(Html.escape(caption))
          .append("</li>");
    }
    out.append("</ul>\n");
    if (h.summary() != null) {
      out.append(tableHead("1"))
          .append(row(h.summary()))
          .append(totals(h.summary(), h))
          .append("</tbody></table>\n")
          .append("<h2 class=\"statement\">Attached statement: Form 8949 (")
          .append(h.taxYear())
          .append("), Part ")
          .append(h.part())
          .append(", Box ")
          .append(Html.escape(h.box()))
          .append(", the transactions of the summary line (code M)</h2>\n");
      out.append(tableHead(""));
    } else {
      out.append(tableHead("1"));
    }
    return out.toString();
  }

  /** One line of the form or statement. */
  public static String row(FormLine l) {
    return "<tr><td class=\"ln\">"
        + l.line()
        + "</td><td>"
        + Html.escape(l.description())
        + "</td><td class=\"d\">"
        + Html.escape(l.acquired())
        + "</td><td class=\"d\">"
        + Html.escape(l.sold())
        + "</td><td class=\"n\">"
        + amount(l.proceeds())
        + "</td><td class=\"n\">"
        + amount(l.costBasis())
        + "</td><td class=\"c\">"
        + Html.escape(l.code())
        + "</td><td class=\"n\">"
        + amount(l.adjustment())
        + "</td><td class=\"n\">"
        + amount(l.gain())
        + "</td></tr>\n";
  }

  /**
   * The page's end: line 2, the box's totals (the sums of its lines), and where they go.
   *
   * @param totals the box's totals in columns (d), (e), (g), (h)
   */
  public static String tail(Header h, FormLine totals) {
    StringBuilder out = new StringBuilder();
    if (h.summary() == null) {
      out.append(totals(totals, h));
    } else {
      out.append("<tr class=\"total\"><td></td><td colspan=\"3\">Total of the statement (equals")
          .append(" the summary line)</td>")
          .append(amounts(totals))
          .append("</tr>\n");
    }
    out.append("</tbody></table>\n<p class=\"source\">")
        .append(Html.escape(h.source()))
        .append(". Amounts in US dollars, each line's proceeds and cost basis rounded once to")
        .append(" whole cents (half-up); gain = proceeds - cost basis + adjustment; totals are the")
        .append(" sums of the lines. Not tax advice.</p>\n</body></html>\n");
    return out.toString();
  }

  private static String totals(FormLine totals, Header h) {
    return "<tr class=\"total\"><td class=\"ln\">2</td><td colspan=\"3\"><b>Totals.</b> Add the"
        + " amounts in columns (d), (e), (g), and (h). Enter each total here and include on your"
        + " Schedule D, <b>line "
        + Html.escape(h.scheduleDLine())
        + "</b> (Box "
        + Html.escape(h.box())
        + " above is checked)</td>"
        + amounts(totals)
        + "</tr>\n";
  }

  private static String amounts(FormLine t) {
    return "<td class=\"n\">"
        + amount(t.proceeds())
        + "</td><td class=\"n\">"
        + amount(t.costBasis())
        + "</td><td></td><td class=\"n\">"
        + amount(t.adjustment())
        + "</td><td class=\"n\">"
        + amount(t.gain())
        + "</td>";
  }

  private static String tableHead(String lineLabel) {
    return "<table><colgroup><col style=\"width:4%\"><col style=\"width:25%\">"
        + "<col style=\"width:10%\"><col style=\"width:10%\"><col style=\"width:11%\">"
        + "<col style=\"width:11%\"><col style=\"width:6%\"><col style=\"width:10%\">"
        + "<col style=\"width:13%\"></colgroup><thead><tr><th class=\"ln\">"
        + lineLabel
        + "</th><th>(a)<br>Description of property</th>"
        + "<th>(b)<br>Date acquired<br><small>(Mo., day, yr.)</small></th>"
        + "<th>(c)<br>Date sold or disposed of<br><small>(Mo., day, yr.)</small></th>"
        + "<th>(d)<br>Proceeds<br><small>(sales price)</small></th>"
        + "<th>(e)<br>Cost or other basis</th>"
        + "<th>(f)<br>Code(s)</th>"
        + "<th>(g)<br>Amount of adjustment</th>"
        + "<th>(h)<br>Gain or (loss)<br><small>(d) minus (e), combined with (g)</small></th>"
        + "</tr></thead><tbody>\n";
  }

  /** {@code 1,234.56}, a loss as {@code (1,234.56)}, empty for null: cents as given. */
  static String amount(BigDecimal value) {
    if (value == null) {
      return "";
    }
    DecimalFormat format =
        new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    format.setRoundingMode(RoundingMode.UNNECESSARY);
    String digits = format.format(value.abs());
    return value.signum() < 0 ? "(" + digits + ")" : digits;
  }

  static final String CSS =
      """
      @page{size:letter;margin:0.45in}
      body{margin:0 auto;max-width:1000px;padding:16px;color:#000;background:#fff;\
      font:12px/1.35 "DejaVu Sans","Liberation Sans",Arial,sans-serif}
      header.top{display:grid;grid-template-columns:150px 1fr 90px;border-bottom:2px solid #000;\
      align-items:center}
      header .form{font-size:14px;border-right:1px solid #000;padding:4px}
      header .form b{font-size:26px}
      header .title{text-align:center;padding:4px;font-size:16px}
      header .title small{font-size:11px}
      header .year{text-align:center;font-size:24px;border-left:1px solid #000}
      .who{display:grid;grid-template-columns:2fr 1fr;border-bottom:1px solid #000;height:34px}
      .who span{font-size:10px;padding:2px 4px}
      .who span+span{border-left:1px solid #000}
      h2{font-size:13px;margin:10px 0 4px;border-bottom:1px solid #000;padding-bottom:3px}
      h2 .part{background:#000;color:#fff;padding:1px 8px;margin-right:6px}
      h2.statement{break-before:page;page-break-before:always;margin-top:24px}
      .check{margin:2px 0 4px;font-size:11px}
      ul.boxes{list-style:none;margin:0 0 8px;padding:0}
      ul.boxes li{margin:2px 0}
      ul.boxes .cb{display:inline-block;width:14px;height:14px;border:1px solid #000;\
      text-align:center;line-height:14px;font-size:12px;margin-right:4px}
      ul.boxes li.checked{font-weight:bold}
      table{border-collapse:collapse;width:100%;font-size:11px;table-layout:fixed}
      thead{display:table-header-group}
      th{border:1px solid #000;padding:3px;vertical-align:bottom;font-weight:normal;\
      text-align:center;background:#f0f0f0}
      th small{font-size:9px}
      td{border:1px solid #000;padding:2px 4px;overflow-wrap:anywhere}
      td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      td.d,td.c{text-align:center;white-space:nowrap}
      td.ln,th.ln{width:28px;text-align:center}
      tr{break-inside:avoid;page-break-inside:avoid}
      tr.total td{font-weight:bold;border-top:2px solid #000}
      p.source{font-size:10px;color:#333;margin-top:8px}
      """;
}
