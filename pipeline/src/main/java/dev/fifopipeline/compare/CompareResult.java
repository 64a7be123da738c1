package dev.fifopipeline.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one comparison found.
 *
 * @param title what was compared, e.g. {@code v1 (fifo) vs v2 (hifo)}
 * @param sells sells compared
 * @param statuses sells per status, in the order of the comparison's statuses
 * @param totals one line comparing the totals
 * @param header column names of {@code largest}
 * @param largest the largest differences, formatted (money in cents)
 * @param file the CSV file with every sell
 * @param symbolHeader column names of {@code symbols}
 * @param symbols the symbols with the largest total differences, formatted
 * @param bySymbolFile the CSV file with every symbol's totals
 */
public record CompareResult(
    String title,
    long sells,
    Map<String, Long> statuses,
    String totals,
    List<String> header,
    List<List<String>> largest,
    Path file,
    List<String> symbolHeader,
    List<List<String>> symbols,
    Path bySymbolFile) {

  /** The lines the command prints. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    StringBuilder counts = new StringBuilder();
    statuses.forEach(
        (status, n) ->
            counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(status));
    lines.add(String.format("compare %s: %,d sells: %s", title, sells, counts));
    lines.add("  " + totals);
    if (largest.isEmpty()) {
      lines.add("  no differences");
    } else {
      lines.add("  largest differences:");
      table(lines, header, largest);
      if (!symbols.isEmpty()) {
        lines.add("  symbols with the largest total differences:");
        table(lines, symbolHeader, symbols);
      }
    }
    lines.add("  every sell: " + file);
    lines.add("  every symbol: " + bySymbolFile);
    return lines;
  }

  private static void table(List<String> lines, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    lines.add(line(header, widths));
    for (List<String> row : rows) {
      lines.add(line(row, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("    ");
    for (int i = 0; i < cells.size(); i++) {
      line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", cells.get(i)));
    }
    return line.toString().stripTrailing();
  }
}
