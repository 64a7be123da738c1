package dev.fifopipeline.bench.peers;

import dev.fifopipeline.engine.RandomLedger;
import dev.fifopipeline.engine.Trade;
import dev.fifopipeline.sample.GeneratorOptions;
import dev.fifopipeline.sample.LedgerGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Ledger CSVs for the agreement tests. */
final class LedgerFiles {
  static final String HEADER =
      "order_id,symbol,side,order_time,price,size,fees,ingested_at,source,"
          + "pnl_usd,cost_basis_usd,parent_id,remaining_size";

  private LedgerFiles() {}

  /** The product's generator, with more oversold sells and late rows than its command's. */
  static Path generated(Path dir, int trades, int symbols, long seed, double hotShare)
      throws IOException {
    Path file = dir.resolve("generated-" + trades + "-" + symbols + "-" + seed + ".csv");
    new LedgerGenerator(
            new GeneratorOptions(
                trades,
                symbols,
                seed,
                Instant.parse("2023-01-01T00:00:00Z"),
                Instant.parse("2025-12-31T00:00:00Z"),
                hotShare,
                0.05,
                0.05,
                false))
        .write(file);
    return file;
  }

  /** The bundled sample: bad rows, a conflicting duplicate, a missing buy, late imports. */
  static Path sample(Path dir) throws IOException {
    Path file = dir.resolve("sample.csv");
    new LedgerGenerator(GeneratorOptions.sample()).write(file);
    return file;
  }

  /**
   * The engine's random ledgers over {@code symbols} symbols: about 40 minutes of trades each, so
   * equal times (and buys and sells at the same instant) are common, sizes with 0-10 decimals, fees
   * often 0, many oversold sells. Rows are shuffled: arrival order must not matter.
   */
  static Path random(Path dir, long seed, int symbols, int maxTradesPerSymbol) throws IOException {
    Random random = new Random(seed);
    List<String> rows = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      for (Trade t : RandomLedger.trades(random, null, "R" + s + "-USD", maxTradesPerSymbol)) {
        rows.add(row(t));
      }
    }
    Collections.shuffle(rows, random);
    return write(dir.resolve("random-" + seed + ".csv"), rows);
  }

  /** A ledger row with the canonical columns (the legacy ones empty). */
  static String row(Trade t) {
    return row(
        t.orderId(),
        t.symbol(),
        t.side().label(),
        t.time().toString(),
        t.price().toPlainString(),
        t.size().toPlainString(),
        t.fees().toPlainString());
  }

  static String row(
      String id, String symbol, String side, String time, String price, String size, String fees) {
    return String.join(
        ",", id, symbol, side, time, price, size, fees, time, "websocket", "", "", "", "");
  }

  static Path write(Path file, List<String> rows) throws IOException {
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(HEADER);
    lines.addAll(rows);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }
}
