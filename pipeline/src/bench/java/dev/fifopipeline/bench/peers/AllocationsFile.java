package dev.fifopipeline.bench.peers;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A peer's output, read back for comparison. */
record AllocationsFile(List<Line> lines) {
  /**
   * One allocation.
   *
   * @param buy null for an unmatched rest
   * @param pnl null for an unmatched rest
   */
  record Line(String sell, String buy, BigDecimal size, BigDecimal pnl) {
    /** {@code sell,buy,size} with the size as an exact decimal without trailing zeros. */
    String pairAndSize() {
      return sell
          + ","
          + (buy == null ? "" : buy)
          + ","
          + size.stripTrailingZeros().toPlainString();
    }
  }

  static AllocationsFile read(Path csv) throws IOException {
    List<String> text = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (text.isEmpty() || !text.get(0).equals(LedgerHeader.ALLOCATIONS_HEADER)) {
      throw new AssertionError(csv + " does not start with " + LedgerHeader.ALLOCATIONS_HEADER);
    }
    List<Line> lines = new ArrayList<>();
    for (String row : text.subList(1, text.size())) {
      List<String> f = CsvLine.split(row);
      lines.add(
          new Line(
              f.get(0),
              f.get(1).isEmpty() ? null : f.get(1),
              new BigDecimal(f.get(2)),
              f.get(3).isEmpty() ? null : new BigDecimal(f.get(3))));
    }
    return new AllocationsFile(lines);
  }

  /** Every line's {@link Line#pairAndSize()}, sorted, so duplicates count. */
  List<String> pairsAndSizes() {
    return lines.stream().map(Line::pairAndSize).sorted().toList();
  }

  /** The unmatched rests. */
  long unmatched() {
    return lines.stream().filter(l -> l.buy() == null).count();
  }
}
