package dev.fifopipeline.report;

import dev.fifopipeline.lake.LakeTable;
import java.util.List;

/** What {@code report} produces: its lake tables (and, for {@code all}, the HTML page). */
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
          LakeTable.TAX_SUMMARY));

  private final List<LakeTable> tables;

  ReportKind(List<LakeTable> tables) {
    this.tables = tables;
  }

  /** The report tables this kind writes, in order. */
  public List<LakeTable> tables() {
    return tables;
  }

  /** Whether this kind writes the HTML page. */
  public boolean html() {
    return this == ALL;
  }
}
