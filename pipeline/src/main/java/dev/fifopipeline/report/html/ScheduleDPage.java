package dev.fifopipeline.report.html;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The printable page of Schedule D's lines that Form 8949 feeds: Part I lines 1b, 2 and 3, Part II
 * lines 8b, 9 and 10, each with the totals of its box in columns (d), (e), (g) and (h), and per
 * part the sum of those lines. Lines 1a and 8a, the other lines of the parts (4 to 7, 11 to 15) and
 * Part III are left to the filer and said so. Amounts are printed in whole cents as given, losses
 * in parentheses; nothing is rounded here.
 */
public final class ScheduleDPage {
  /**
   * One line of Schedule D.
   *
   * @param line the line's number, e.g. {@code 1b}
   * @param box the Form 8949 box whose totals it takes, e.g. {@code G}
   * @param caption what the line says it takes
   * @param lots how many Form 8949 lines the box has; 0 when the box has none
   * @param proceeds (d), whole cents, or null when the box has no lines (likewise the others)
   * @param costBasis (e)
   * @param adjustment (g), from line 2 column (g) of the box's Form 8949
   * @param gain (h)
   */
  public record Line(
      String line,
      String box,
      String caption,
      long lots,
      BigDecimal proceeds,
      BigDecimal costBasis,
      BigDecimal adjustment,
      BigDecimal gain) {

    /** A line no box of the year goes to: its amounts are left empty. */
    public static Line empty(String line, String box, String caption) {
      return new Line(line, box, caption, 0, null, null, null, null);
    }
  }

  private ScheduleDPage() {}

  /**
   * The whole page.
   *
   * @param shortTerm Part I's lines 1b, 2, 3 in that order
   * @param longTerm Part II's lines 8b, 9, 10 in that order
   * @param source what made the page: version, method, tax.timezone
   */
  public static String page(int taxYear, List<Line> shortTerm, List<Line> longTerm, String source) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Schedule D (Form 1040) ")
        .append(taxYear)
        .append(", the lines from Form 8949</title><style>")
        .append(FormPage.CSS)
        .append(CSS)
        .append("</style></head>\n<body data-form=\"schedule-d\">\n");
    out.append("<header class=\"top\"><div class=\"form\"><b>SCHEDULE D</b><br><small>")
        .append("(Form 1040)<br>Department of the Treasury<br>Internal Revenue Service</small>")
        .append("</div><div class=\"title\"><b>Capital Gains and Losses</b><br><small>Attach to")
        .append(" Form 1040, 1040-SR, or 1040-NR. Use Form 8949 to list your transactions for")
        .append(" lines 1b, 2, 3, 8b, 9, and 10.</small></div><div class=\"year\"><b>")
        .append(taxYear)
        .append("</b></div></header>\n");
    out.append("<div class=\"who\"><span>Name(s) shown on return</span>")
        .append("<span>Your social security number</span></div>\n");
    part(
        out,
        "I",
        "Short-Term Capital Gains and Losses&mdash;Generally Assets Held One Year or Less",
        "1a",
        "7",
        "4, 5, and 6",
        shortTerm);
    part(
        out,
        "II",
        "Long-Term Capital Gains and Losses&mdash;Generally Assets Held More Than One" + " Year",
        "8a",
        "15",
        "11 to 14",
        longTerm);
    out.append("<p class=\"source\">")
        .append(Html.escape(source))
        .append(". Amounts in US dollars: each line's totals are those of its box on Form 8949")
        .append(" (line 2), the sums of the box's lines in whole cents; nothing is rounded again.")
        .append(" Part III, the carryovers and the lines Form 8949 does not feed are yours to")
        .append(" fill in. Not tax advice.</p>\n</body></html>\n");
    return out.toString();
  }

  private static void part(
      StringBuilder out,
      String part,
      String title,
      String summaryLine,
      String netLine,
      String otherLines,
      List<Line> lines) {
    out.append("<h2><span class=\"part\">Part ")
        .append(part)
        .append("</span> ")
        .append(title)
        .append("</h2>\n");
    out.append(TABLE_HEAD.replace("PART", part));
    BigDecimal proceeds = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal adjustment = BigDecimal.ZERO;
    BigDecimal gain = BigDecimal.ZERO;
    for (Line l : lines) {
      out.append("<tr data-line=\"")
          .append(Html.escape(l.line()))
          .append("\" data-box=\"")
          .append(Html.escape(l.box()))
          .append("\"><td class=\"ln\"><b>")
          .append(Html.escape(l.line()))
          .append("</b></td><td>")
          .append(Html.escape(l.caption()))
          .append(" <small>(")
          .append(
              l.lots() == 0
                  ? "no lines this year"
                  : String.format("%,d %s", l.lots(), l.lots() == 1 ? "line" : "lines"))
          .append(")</small></td>")
          .append(amounts(l.proceeds(), l.costBasis(), l.adjustment(), l.gain()))
          .append("</tr>\n");
      proceeds = add(proceeds, l.proceeds());
      cost = add(cost, l.costBasis());
      adjustment = add(adjustment, l.adjustment());
      gain = add(gain, l.gain());
    }
    String numbers =
        String.join(", ", lines.stream().map(Line::line).filter(Objects::nonNull).toList());
    out.append("<tr data-total=\"")
        .append(part)
        .append("\" class=\"total\"><td class=\"ln\"></td><td>Lines ")
        .append(Html.escape(numbers))
        .append(" together: the part of line ")
        .append(netLine)
        .append(" that Form 8949 gives</td>")
        .append(amounts(proceeds, cost, adjustment, gain))
        .append("</tr>\n</tbody></table>\n");
    out.append("<p class=\"left\">Line ")
        .append(summaryLine)
        .append(" is left blank: every transaction is listed on Form 8949. Lines ")
        .append(otherLines)
        .append(" are not from Form 8949 and are yours to fill in; line ")
        .append(netLine)
        .append(" combines column (h) of all the part's lines.</p>\n");
  }

  /** Columns (d), (e), (g), (h); (g) is left empty, as on Form 8949, when nothing is adjusted. */
  private static String amounts(
      BigDecimal proceeds, BigDecimal cost, BigDecimal adjustment, BigDecimal gain) {
    return "<td class=\"n\">"
        + FormPage.amount(proceeds)
        + "</td><td class=\"n\">"
        + FormPage.amount(cost)
        + "</td><td class=\"n\">"
        + FormPage.amount(adjustment == null || adjustment.signum() == 0 ? null : adjustment)
        + "</td><td class=\"n\">"
        + FormPage.amount(gain)
        + "</td>";
  }

  private static BigDecimal add(BigDecimal sum, BigDecimal value) {
    return value == null ? sum : sum.add(value);
  }

  private static final String TABLE_HEAD =
      "<table><colgroup><col style=\"width:5%\"><col style=\"width:43%\">"
          + "<col style=\"width:13%\"><col style=\"width:13%\"><col style=\"width:13%\">"
          + "<col style=\"width:13%\"></colgroup><thead><tr><th class=\"ln\"></th>"
          + "<th class=\"what\">See instructions for how to figure the amounts to enter on the"
          + " lines below.</th>"
          + "<th>(d)<br>Proceeds<br><small>(sales price)</small></th>"
          + "<th>(e)<br>Cost<br><small>(or other basis)</small></th>"
          + "<th>(g)<br>Adjustments<br><small>to gain or loss from Form(s) 8949, Part PART,"
          + " line 2, column (g)</small></th>"
          + "<th>(h) Gain or (loss)<br><small>Subtract column (e) from column (d) and combine"
          + " the result with column (g)</small></th></tr></thead><tbody>\n";

  private static final String CSS =
      """
      header.top{grid-template-columns:200px 1fr 90px}
      header .form b{font-size:18px}
      th.what{text-align:left;font-size:10px}
      td small{font-size:10px;color:#333}
      p.left{font-size:10px;margin:4px 0 12px}
      """;
}
