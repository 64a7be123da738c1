package dev.fifopipeline.bench.peers;

import dev.fifopipeline.engine.Allocation;
import dev.fifopipeline.engine.LotMatcher;
import dev.fifopipeline.engine.MatchEvent;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.Money;
import dev.fifopipeline.engine.ProcessingOrder;
import dev.fifopipeline.engine.Side;
import dev.fifopipeline.engine.Trade;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor of what the work costs on one core: one thread parses the CSV by hand, groups the
 * trades by symbol in memory, sorts each group in {@link ProcessingOrder}, runs the product's own
 * engine ({@link LotMatcher}, FIFO, dust 0, UTC) over it with exact {@code BigDecimal} arithmetic,
 * and writes the allocations as it goes.
 *
 * <p>Phases: {@code parse} (read, validate, de-duplicate, group), {@code sort}, {@code match+write}
 * (the engine is lazy, so matching and writing interleave). Memory holds every kept trade.
 *
 * <p>{@code pnl} is the engine's, exact to 18 decimals: fee shares pro rata by size rounded
 * half-up, the last allocation of a sell or of a fully consumed buy taking the remainder.
 */
public final class JavaFloor implements Peer {
  /** FIFO with no dust, so that it agrees with the set-based SQL peers; dates in UTC. */
  static final MatchingRules RULES =
      new MatchingRules(MatchingMethod.FIFO, BigDecimal.ZERO, ZoneOffset.UTC);

  private static final int BUFFER = 1 << 20;

  @Override
  public String name() {
    return "java-floor";
  }

  @Override
  public PeerResult run(Path ledgerCsv, Path allocationsCsvOut) throws IOException {
    PhaseClock clock = new PhaseClock();
    Map<String, List<Trade>> bySymbol;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(ledgerCsv), StandardCharsets.UTF_8),
            BUFFER)) {
      bySymbol = read(in, ledgerCsv);
    }
    long trades = bySymbol.values().stream().mapToLong(List::size).sum();
    clock.lap("parse");

    List<String> symbols = new ArrayList<>(bySymbol.keySet());
    symbols.sort(null);
    for (List<Trade> group : bySymbol.values()) {
      group.sort(ProcessingOrder.COMPARATOR);
    }
    clock.lap("sort");

    long allocations = 0;
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(allocationsCsvOut), StandardCharsets.UTF_8),
            BUFFER)) {
      out.write(LedgerHeader.ALLOCATIONS_HEADER);
      out.write('\n');
      for (String symbol : symbols) {
        Iterator<MatchEvent> events = LotMatcher.over(bySymbol.get(symbol).iterator(), RULES);
        while (events.hasNext()) {
          if (events.next() instanceof Allocation a) {
            write(out, a);
            allocations++;
          }
        }
      }
    }
    clock.lap("match+write");
    return clock.result(trades, allocations);
  }

  /** The valid rows of the ledger, first of each order_id, grouped by symbol in file order. */
  private static Map<String, List<Trade>> read(BufferedReader in, Path file) throws IOException {
    LedgerHeader header = LedgerHeader.parse(in.readLine(), file);
    int id = header.indexOf("order_id");
    int symbol = header.indexOf("symbol");
    int side = header.indexOf("side");
    int time = header.indexOf("order_time");
    int price = header.indexOf("price");
    int size = header.indexOf("size");
    int fees = header.indexOf("fees");
    String[] fields = new String[header.columns().size()];
    Map<String, List<Trade>> bySymbol = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isEmpty() || !CsvLine.splitExactly(line, fields)) {
        continue;
      }
      Trade trade =
          trade(
              fields[id].strip(),
              fields[symbol].strip(),
              fields[side],
              fields[time],
              fields[price],
              fields[size],
              fees < 0 ? "" : fields[fees]);
      if (trade != null && seen.add(trade.orderId())) {
        bySymbol.computeIfAbsent(trade.symbol(), s -> new ArrayList<>()).add(trade);
      }
    }
    return bySymbol;
  }

  /** The trade a row states, or null when the row breaks a ledger rule. */
  static Trade trade(
      String id,
      String symbol,
      String sideText,
      String time,
      String price,
      String size,
      String fees) {
    if (id.isEmpty() || symbol.isEmpty()) {
      return null;
    }
    Side side = side(sideText);
    Instant at = IsoTimes.parse(time);
    BigDecimal p = decimal(price);
    BigDecimal s = decimal(size);
    BigDecimal f = fees.isBlank() ? BigDecimal.ZERO : decimal(fees);
    if (side == null || at == null || p == null || s == null || f == null) {
      return null;
    }
    try {
      return new Trade(id, null, symbol, side, at, p, s, f); // checks > 0, >= 0 and the range
    } catch (IllegalArgumentException brokenRule) {
      return null;
    }
  }

  private static Side side(String text) {
    if (text.equals("buy")) {
      return Side.BUY;
    }
    if (text.equals("sell")) {
      return Side.SELL;
    }
    try {
      return Side.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A number as the ledger stores it (rounded half-up to 18 decimals), or null. */
  private static BigDecimal decimal(String text) {
    try {
      BigDecimal value = new BigDecimal(text.strip());
      return value.scale() > Money.SCALE ? Money.scaled(value) : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void write(Writer out, Allocation a) throws IOException {
    out.write(CsvLine.field(a.sellOrderId()));
    out.write(',');
    if (a.buyOrderId() != null) {
      out.write(CsvLine.field(a.buyOrderId()));
    }
    out.write(',');
    out.write(a.size().toPlainString());
    out.write(',');
    if (a.pnl() != null) {
      out.write(a.pnl().toPlainString());
    }
    out.write('\n');
  }
}
