package dev.fifopipeline.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The header line of a ledger CSV: its column names, lower case and trimmed, in file order.
 *
 * @param columns every column of the file
 */
record LedgerHeader(List<String> columns) {
  /** The columns a ledger must have; {@code fees} may be missing (then every fee is 0). */
  static final List<String> REQUIRED =
      List.of("order_id", "symbol", "side", "order_time", "price", "size");

  /** The header of the allocations CSV every peer writes. */
  static final String ALLOCATIONS_HEADER = "sell_order_id,buy_order_id,allocated_size,pnl";

  /**
   * Reads the first line of {@code ledgerCsv}.
   *
   * @throws IllegalArgumentException when the file is empty or lacks a required column
   */
  static LedgerHeader read(Path ledgerCsv) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(ledgerCsv, StandardCharsets.UTF_8)) {
      return parse(in.readLine(), ledgerCsv);
    }
  }

  /** Parses a header line already read from {@code file}. */
  static LedgerHeader parse(String line, Path file) {
    if (line == null) {
      throw new IllegalArgumentException("ledger " + file + " is empty: expected a header line");
    }
    List<String> columns =
        CsvLine.split(line.startsWith("\uFEFF") ? line.substring(1) : line).stream()
            .map(c -> c.strip().toLowerCase(Locale.ROOT))
            .toList();
    for (String required : REQUIRED) {
      if (!columns.contains(required)) {
        throw new IllegalArgumentException(
            "ledger " + file + " has no column " + required + "; its header is " + columns);
      }
    }
    return new LedgerHeader(columns);
  }

  /** The position of {@code column}, or -1 when the file lacks it. */
  int indexOf(String column) {
    return columns.indexOf(column);
  }

  /** Whether the file has {@code column}. */
  boolean has(String column) {
    return columns.contains(column);
  }
}
