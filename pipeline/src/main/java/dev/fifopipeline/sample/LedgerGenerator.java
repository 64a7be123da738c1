package dev.fifopipeline.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Makes a trading bot's ledger as CSV with the canonical header (or as typed Parquet): per symbol,
 * bursts of small buys followed by a sell of part or all of what is open, on a random price
 * (mean-reverting for a ledger of a given size); fees about 0.6% of notional; prices with 2-8
 * decimals and sizes with up to 8 by price level; some sells oversold; some trades landing days
 * late (ingested_at, source=backfill). Rows are written in the order they landed (per symbol for a
 * ledger of a given size), so late imports come out of order. Deterministic for given options.
 */
public final class LedgerGenerator {
  private static final String[] NAMES = {
    "BTC", "ETH", "SOL", "SAPIEN", "BONK", "TAO", "XLM", "AERO", "UNFI", "KAITO", "TNSR", "NMR",
    "STRK", "DASH", "ADA", "DOGE", "AVAX", "LINK", "DOT", "MATIC", "ATOM", "NEAR", "APT", "ARB",
    "OP", "SUI", "SEI", "INJ", "TIA", "JUP", "WIF", "PEPE", "RNDR", "FET", "GRT", "IMX"
  };
  private static final BigDecimal FEE_RATE = new BigDecimal("0.006");
  private static final String HEADER =
      "order_id,symbol,side,order_time,price,size,fees,ingested_at,source,"
          + "pnl_usd,cost_basis_usd,parent_id,remaining_size";

  private static final Comparator<Row> LANDING_ORDER =
      Comparator.comparing(Row::ingestedAt).thenComparing(Row::orderId);

  /** Why the sample cannot be written as Parquet. */
  public static final String SAMPLE_NOT_PARQUET =
      "its bad rows (a size of 'abc', an order_time of 'yesterday') do not fit Parquet's types";

  private final GeneratorOptions options;
  private final Random random;

  public LedgerGenerator(GeneratorOptions options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  /**
   * Writes the ledger to {@code file} as CSV; returns the number of rows written. The sample is
   * written in landing order as a whole; a ledger of a given size one symbol at a time (each in
   * landing order), so memory follows the largest symbol, not the ledger.
   */
  public long write(Path file) throws IOException {
    createParent(file);
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(HEADER);
      out.newLine();
      return write(
          row -> {
            out.write(row.csv());
            out.newLine();
          });
    }
  }

  /**
   * Writes the ledger to {@code file} as Parquet with typed columns (see {@link ParquetRows}), in
   * the same order as {@link #write}; returns the number of rows written.
   *
   * @throws IllegalArgumentException for the sample, whose bad rows do not fit Parquet's types
   */
  public long writeParquet(Path file) throws IOException {
    if (options.sampleExtras()) {
      throw new IllegalArgumentException("the sample is CSV only: " + SAMPLE_NOT_PARQUET);
    }
    createParent(file);
    try (ParquetRows out = new ParquetRows(file)) {
      return write(out::write);
    }
  }

  private interface RowSink {
    void write(Row row) throws IOException;
  }

  private long write(RowSink sink) throws IOException {
    if (options.sampleExtras()) {
      return write(sink, generate());
    }
    long written = 0;
    int symbols = Math.max(1, options.symbols());
    for (int s = 0; s < symbols; s++) {
      List<Row> rows = symbolTrades(symbolName(s), s, target(s));
      rows.sort(LANDING_ORDER);
      written += write(sink, rows);
    }
    return written;
  }

  private static long write(RowSink sink, List<Row> rows) throws IOException {
    for (Row row : rows) {
      sink.write(row);
    }
    return rows.size();
  }

  private static void createParent(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
  }

  /** The rows in landing order. */
  List<Row> generate() {
    List<Row> rows = new ArrayList<>();
    int symbols = Math.max(1, options.symbols());
    for (int s = 0; s < symbols; s++) {
      String symbol = symbolName(s);
      long target = target(s);
      if (options.sampleExtras() && symbol.equals("SAPIEN-USD")) {
        rows.addAll(SampleStory.sapien()); // exactly the seed's trades, nothing around them
        continue;
      }
      rows.addAll(symbolTrades(symbol, s, target));
    }
    if (options.sampleExtras()) {
      SampleStory.dropOneBuy(rows, "TAO-USD");
      SampleStory.addBadRows(rows, options.end());
    }
    rows.sort(LANDING_ORDER);
    if (options.sampleExtras()) {
      LegacyInlineFifo.fill(rows);
    }
    return rows;
  }

  private static String symbolName(int index) {
    return (index < NAMES.length ? NAMES[index] : "SYM" + index) + "-USD";
  }

  /** Trades of symbol {@code index}: the hot share for the first when asked, else an even share. */
  private long target(int index) {
    int symbols = Math.max(1, options.symbols());
    long hot = Math.round(options.trades() * options.hotShare());
    long perSymbol =
        Math.max(2, (options.trades() - hot) / Math.max(1, symbols - (hot > 0 ? 1 : 0)));
    return hot > 0 && index == 0 ? hot : perSymbol;
  }

  private List<Row> symbolTrades(String symbol, int index, long target) {
    List<Row> rows = new ArrayList<>();
    double base = basePrice(index);
    double price = base;
    Duration span = Duration.between(options.start(), options.end());
    double averageGap = span.toSeconds() / (double) Math.max(1, target);
    Instant t = options.start().plusSeconds((long) (random.nextDouble() * averageGap));
    BigDecimal open = BigDecimal.ZERO;
    // the bundled sample stops at its end date; other ledgers get the trades asked for
    boolean exact = !options.sampleExtras();
    while (rows.size() < target && (exact || t.isBefore(options.end()))) {
      int burst = 1 + random.nextInt(4);
      for (int b = 0; b < burst && rows.size() < target; b++) {
        price = move(price, base, 0.01, exact);
        BigDecimal p = price(price);
        BigDecimal size = size(p, 5 + random.nextDouble() * 195);
        rows.add(row(symbol, "buy", t, p, size));
        open = open.add(size);
        int gap = random.nextInt(600);
        // seconds to minutes between the buys of a burst; scaled to the symbol's pace when sized
        t = t.plusSeconds(exact ? (long) (averageGap * (0.1 + 0.2 * gap / 600.0)) : 5 + gap);
      }
      // hold: minutes to weeks, and now and then past a year
      double hold = averageGap * burst * (0.5 + random.nextDouble());
      // A long hold moves only this sell in time, not the rest of the symbol's trades, on a
      // ledger of a given size: otherwise millions of trades would drift centuries past the end.
      // (The bundled sample keeps its original timeline.)
      Instant sellTime = t.plusSeconds((long) hold);
      if (random.nextInt(200) == 0) {
        hold += 370 * 86400;
        sellTime = t.plusSeconds((long) hold);
      }
      t = exact ? t.plusSeconds((long) (averageGap * burst * 0.8)) : sellTime;
      if (rows.size() >= target || (!exact && !t.isBefore(options.end()))) {
        break;
      }
      price = move(price, base, 0.03, exact);
      BigDecimal p = price(price);
      double fraction = random.nextDouble() < 0.6 ? 1.0 : 0.3 + random.nextDouble() * 0.6;
      BigDecimal size = scaleLike(open.multiply(BigDecimal.valueOf(fraction)), p);
      if (random.nextDouble() < options.oversellShare()) {
        size = scaleLike(open.multiply(new BigDecimal("1.25")), p);
      }
      if (size.signum() > 0) {
        rows.add(row(symbol, "sell", sellTime, p, size));
        open = open.subtract(size).max(BigDecimal.ZERO);
      }
      t = t.plusSeconds((long) (averageGap * (0.2 + random.nextDouble())));
    }
    return rows;
  }

  /**
   * The next price: a random walk for the sample; mean-reverting around {@code base} for a ledger
   * of a given size, so that millions of steps keep prices (and sizes) at realistic levels.
   */
  private double move(double price, double base, double sigma, boolean meanReverting) {
    double step = random.nextGaussian() * sigma;
    if (!meanReverting) {
      return price * Math.exp(step);
    }
    return base * Math.exp(Math.log(price / base) * 0.995 + step);
  }

  private Row row(String symbol, String side, Instant time, BigDecimal price, BigDecimal size) {
    BigDecimal fees = price.multiply(size).multiply(FEE_RATE).setScale(8, RoundingMode.HALF_UP);
    boolean late = random.nextDouble() < options.lateShare();
    Instant landed =
        late
            ? time.plus(Duration.ofHours(6 + random.nextInt(24 * 20)))
            : time.plusSeconds(1 + random.nextInt(30));
    return new Row(
        orderId(), symbol, side, time, price, size, fees, landed, late ? "backfill" : "websocket");
  }

  private String orderId() {
    return String.format(
        "%08x-%04x-%04x-%04x-%012x",
        random.nextInt(),
        random.nextInt(0x10000),
        0x4000 | random.nextInt(0x1000),
        0x8000 | random.nextInt(0x4000),
        random.nextLong() & 0xffffffffffffL);
  }

  private double basePrice(int index) {
    double[] levels = {65000, 3200, 150, 0.2, 0.00002, 420, 0.11, 1.2, 8.5, 1.6, 0.9, 14};
    return index < levels.length
        ? levels[index]
        : Math.pow(10, random.nextInt(8) - 4) * (1 + random.nextInt(9));
  }

  /** Price decimals by level: 2 above 1000, 4 above 1, 6 above 0.01, else 8. */
  private static BigDecimal price(double value) {
    int scale = value >= 1000 ? 2 : value >= 1 ? 4 : value >= 0.01 ? 6 : 8;
    BigDecimal p = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    return p.signum() > 0 ? p : BigDecimal.ONE.movePointLeft(scale);
  }

  private static BigDecimal size(BigDecimal price, double notional) {
    return scaleLike(BigDecimal.valueOf(notional).divide(price, 12, RoundingMode.HALF_UP), price);
  }

  /** Size decimals by price level: 8 for dear coins, fewer for cheap ones. */
  private static BigDecimal scaleLike(BigDecimal size, BigDecimal price) {
    int scale =
        price.compareTo(BigDecimal.valueOf(100)) >= 0
            ? 8
            : price.compareTo(BigDecimal.ONE) >= 0
                ? 4
                : price.compareTo(new BigDecimal("0.001")) >= 0 ? 2 : 0;
    return size.setScale(scale, RoundingMode.DOWN);
  }
}
