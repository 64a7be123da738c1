package dev.fifopipeline.report;

import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.CsvFiles;
import dev.fifopipeline.report.html.Headline;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * What one report run did.
 *
 * @param version allocation version
 * @param method its matching method
 * @param zone tax.timezone of the dates
 * @param year tax year of the files, or null for all
 * @param headlines the headline numbers of the files' scope, per quote currency
 * @param tables lake tables replaced for the version (always every tax year)
 * @param recomputed which symbols' rows were recomputed: every symbol, or how many changed ones
 * @param files files written, with their data rows (the HTML page counts 0)
 * @param unpriced symbols with open lots but no price, when prices were given
 * @param durationMs wall time
 * @param forms what the command prints about Form 8949, Schedule D and the year-end lots, or null
 *     when none were made
 */
public record ReportResult(
    int version,
    String method,
    String zone,
    Integer year,
    List<Headline> headlines,
    List<LakeTable> tables,
    String recomputed,
    Map<Path, Long> files,
    List<String> unpriced,
    long durationMs,
    String forms) {

  /** The lines the command prints: the headlines, the lake tables, the files. */
  public List<String> summary() {
    String first =
        String.format(
            "report v%d (%s, tax.timezone %s%s):%s",
            version,
            method,
            zone,
            year == null ? "" : ", tax year " + year,
            headlines.isEmpty()
                ? " no sells"
                : headlines.size() == 1 ? " " + line(headlines.get(0)) : "");
    List<String> lines = new ArrayList<>(List.of(first));
    if (headlines.size() > 1) {
      headlines.forEach(h -> lines.add("  " + h.quote() + ": " + line(h)));
    }
    String lake =
        "  lake: "
            + tables.stream().map(LakeTable::tableName).collect(Collectors.joining(", "))
            + " replaced for version "
            + version
            + " (recomputed: "
            + recomputed
            + ")";
    StringBuilder written = new StringBuilder("  files:");
    files.forEach(
        (file, rows) ->
            written
                .append("\n    ")
                .append(file)
                .append(
                    file.toString().endsWith(".csv")
                        ? " (" + rows + (rows == 1 ? " row)" : " rows)")
                        : ""));
    lines.add(lake);
    if (forms != null) {
      lines.add(forms);
    }
    lines.add(written.toString());
    if (!unpriced.isEmpty()) {
      lines.add(
          "  no price for open " + String.join(", ", unpriced) + ": unrealized pnl left empty");
    }
    return lines;
  }

  /** One line for {@code nightly}: where the files went and how long it took. */
  public String oneLine() {
    Path folder = files.isEmpty() ? null : files.keySet().iterator().next().getParent();
    return String.format(
        "report: v%d, %d tables in the lake (recomputed: %s), %d files in %s (%.1f s)",
        version, tables.size(), recomputed, files.size(), folder, durationMs / 1000.0);
  }

  private static String line(Headline h) {
    String winRate =
        h.winRate() == null
            ? "no matched sells"
            : h.winRate().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString()
                + "% ("
                + String.format("%,d of %,d matched sells", h.wins(), h.matchedSells())
                + ")";
    return String.format(
        "%,d sells, realized pnl %s %s, win rate %s, %,d unmatched sells",
        h.sells(), CsvFiles.cents(h.realizedPnl()), h.quote(), winRate, h.unmatchedSells());
  }

  /** The symbols of {@code pnlBySymbol} rows with open lots and no mark price. */
  static List<String> unpriced(List<Row> pnlBySymbol) {
    List<String> missing = new ArrayList<>();
    for (Row row : pnlBySymbol) {
      if (row.<Long>getAs("open_lots") > 0 && row.getAs("mark_price") == null) {
        String account = row.getAs("account");
        missing.add(account == null ? row.getAs("symbol") : account + "/" + row.getAs("symbol"));
      }
    }
    return missing;
  }
}
