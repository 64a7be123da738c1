package dev.fifopipeline.report;

import dev.fifopipeline.lake.LakeTable;
import java.util.List;

/**
 * What {@code report} produces: its lake tables (and, for {@code all}, the HTML page). {@code
 * unmatched} writes no lake table: it is {@link UnmatchedHunt}'s listing of the likely causes of
 * the unmatched sells, not a {@link ReportJob}.
 */
public enum ReportKind {
  PNL(
      List.of(
          LakeTable.PNL_BY_SYMBOL,
          LakeTable.PNL_BY_QUOTE,
          LakeTable.PNL_DAILY,
          LakeTable.PNL_MONTHLY)),
  WINRATE(List.of(LakeTable.WIN_RATE)),
  TAX(List.of(LakeTable.TAX_LOTS, LakeTable.TAX_SUMMARY)),
  ALL(
      List.of(
          LakeTable.PNL_BY_SYMBOL,
          LakeTable.PNL_BY_QUOTE,
          LakeTable.PNL_DAILY,
          LakeTable.PNL_MONTHLY,
          LakeTable.WIN_RATE,
          LakeTable.TAX_LOTS,
          LakeTable.TAX_SUMMARY,
          LakeTable.PNL_DAILY_BY_SYMBOL,
          LakeTable.TAX_SUMMARY_BY_SYMBOL,
          LakeTable.TOP_SELLS)),
  UNMATCHED(List.of());

  private final List<LakeTable> tables;

  ReportKind(List<LakeTable> tables) {
    this.tables = tables;
  }

  /** The report tables this kind writes, in order. */
  public List<LakeTable> tables() {
    return tables;
  }

  /**
   * The tables with a CSV file: all but the rows per symbol that only {@code all} keeps, in the
   * lake, for the next report.
   */
  public List<LakeTable> files() {
    return tables.stream()
        .filter(t -> !ReportTables.perSymbol(t) || t == LakeTable.TAX_LOTS)
        .toList();
  }

  /**
   * The tables a report of one tax year adds when its kind has the tax lots ({@code tax} and {@code
   * all} with {@code --year}): Form 8949, Schedule D and the year-end lots.
   */
  public static List<LakeTable> yearTables() {
    List<LakeTable> tables = new java.util.ArrayList<>(TaxFormReport.tables());
    tables.addAll(YearEndReport.tables());
    return List.copyOf(tables);
  }

  /** Whether this kind writes the HTML page. */
  public boolean html() {
    return this == ALL;
  }
}
