package dev.fifopipeline.bench.harness;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The late batch of the incremental stage: trades that fill long ago but land in the ledger now,
 * for a few symbols, as a backfill does. Per symbol, alternately a buy of 0.01 and a sell of 0.005
 * base units at the symbol's first price, an hour apart from its first trade on, fees 0.6% of the
 * value. The symbols are spread over the ledger's symbols in name order, leaving out the busiest
 * (the hot symbol of a {@code --hot-share} ledger), so the run's cost is that of ordinary symbols.
 * The file has the ledger's header; columns other than the canonical facts are left empty.
 */
final class LateBatch {
  private static final BigDecimal BUY = new BigDecimal("0.01");
  private static final BigDecimal SELL = new BigDecimal("0.005");
  private static final BigDecimal FEE_RATE = new BigDecimal("0.006");

  /** What the harness needs to know of a symbol: its first trade (by time) and trade count. */
  private record First(Instant time, String price, long trades) {}

  private LateBatch() {}

  /**
   * Writes {@code rowsPerSymbol} late trades for each of {@code symbols} symbols of {@code ledger}
   * to {@code out}.
   *
   * @return the symbols chosen, in name order
   */
  static List<String> write(Path ledger, Path out, int symbols, int rowsPerSymbol)
      throws IOException {
    return write(ledger, out, symbols, rowsPerSymbol, 0);
  }

  /**
   * Round {@code round} of a schedule's late batches: as {@link #write(Path, Path, int, int)} for
   * round 0; a later round takes other symbols (spread over the ledger by a stride coprime with
   * most symbol counts) and order ids of its own ({@code late-<round>-<symbol>-<k>}).
   */
  static List<String> write(Path ledger, Path out, int symbols, int rowsPerSymbol, int round)
      throws IOException {
    Map<String, First> firsts = scan(ledger);
    String busiest =
        firsts.entrySet().stream()
            .max(Map.Entry.comparingByValue((a, b) -> Long.compare(a.trades(), b.trades())))
            .map(Map.Entry::getKey)
            .orElseThrow(() -> new IOException(ledger + " has no trades"));
    List<String> names = new ArrayList<>(firsts.keySet());
    if (names.size() > symbols) {
      names.remove(busiest);
    }
    names.sort(null);
    List<String> chosen = new ArrayList<>();
    int count = Math.min(symbols, names.size());
    for (int i = 0; i < count; i++) {
      chosen.add(
          names.get(
              round == 0
                  ? (int) ((long) i * names.size() / count)
                  : (int) ((((long) round * count + i) * 7919) % names.size())));
    }
    String now = Instant.now().toString();
    List<String> header = header(ledger);
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(String.join(",", header));
      w.newLine();
      for (String symbol : chosen) {
        First first = firsts.get(symbol);
        BigDecimal price = new BigDecimal(first.price());
        for (int k = 0; k < rowsPerSymbol; k++) {
          boolean buy = k % 2 == 0;
          BigDecimal size = buy ? BUY : SELL;
          BigDecimal fees =
              price.multiply(size).multiply(FEE_RATE).setScale(8, RoundingMode.HALF_UP);
          Instant time = first.time().plus(Duration.ofHours(k + 1L));
          Map<String, String> row = new HashMap<>();
          row.put("order_id", (round == 0 ? "late-" : "late-" + round + "-") + symbol + "-" + k);
          row.put("symbol", symbol);
          row.put("side", buy ? "buy" : "sell");
          row.put("order_time", time.toString());
          row.put("price", first.price());
          row.put("size", size.toPlainString());
          row.put("fees", fees.toPlainString());
          row.put("ingested_at", now);
          row.put("source", "backfill");
          w.write(String.join(",", header.stream().map(c -> row.getOrDefault(c, "")).toList()));
          w.newLine();
        }
      }
    }
    return chosen;
  }

  /**
   * Writes round {@code round}'s late batch ({@link #write(Path, Path, int, int, int)}) in {@code
   * staging}, then moves it to {@code file} in one step: a nightly watching {@code file}'s folder
   * never sees it half written.
   */
  static void land(Path ledger, Path staging, Path file, int symbols, int rowsPerSymbol, int round)
      throws IOException {
    Path written = staging.resolve(file.getFileName());
    write(ledger, written, symbols, rowsPerSymbol, round);
    Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> header(Path ledger) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(ledger, StandardCharsets.UTF_8)) {
      return List.of(in.readLine().split(",", -1));
    }
  }

  /** Per symbol, its earliest trade and count; rows that do not parse are passed over. */
  private static Map<String, First> scan(Path ledger) throws IOException {
    Map<String, First> firsts = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(ledger, StandardCharsets.UTF_8)) {
      List<String> header = List.of(in.readLine().split(",", -1));
      int symbol = header.indexOf("symbol");
      int time = header.indexOf("order_time");
      int price = header.indexOf("price");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",", -1);
        if (f.length != header.size() || f[symbol].isBlank()) {
          continue;
        }
        Instant at;
        try {
          at = Instant.parse(f[time]);
          new BigDecimal(f[price]);
        } catch (RuntimeException unparsable) {
          continue;
        }
        First old = firsts.get(f[symbol]);
        long trades = old == null ? 1 : old.trades() + 1;
        firsts.put(
            f[symbol],
            old == null || at.isBefore(old.time())
                ? new First(at, f[price], trades)
                : new First(old.time(), old.price(), trades));
      }
    }
    return firsts;
  }
}
