package dev.fifopipeline.report;

import dev.fifopipeline.engine.Money;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Digests;
import dev.fifopipeline.lake.LakeSchemas;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Mark prices for open inventory, from a CSV file with a header naming {@code symbol} and {@code
 * price} (any order, other columns ignored): quote currency per base unit, e.g. {@code
 * BTC-USD,97000.5}. Symbols are normalised as the ledger's are ({@code btc/usd} is {@code
 * BTC-USD}).
 */
public final class Prices {
  private static final StructType COLUMNS =
      new StructType().add("symbol", DataTypes.StringType).add("mark_price", LakeSchemas.MONEY);
  private static final Prices NONE = new Prices(Collections.emptySortedMap());

  private final SortedMap<String, BigDecimal> bySymbol;

  private Prices(SortedMap<String, BigDecimal> bySymbol) {
    this.bySymbol = bySymbol;
  }

  /** No prices: unrealized pnl stays null. */
  public static Prices none() {
    return NONE;
  }

  /** Prices from a map of symbol to price, e.g. in tests. */
  public static Prices of(java.util.Map<String, BigDecimal> prices) {
    SortedMap<String, BigDecimal> map = new TreeMap<>();
    prices.forEach((symbol, price) -> map.put(normalize(symbol), Money.scaled(price)));
    return new Prices(Collections.unmodifiableSortedMap(map));
  }

  /**
   * Reads {@code file}.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when it cannot be read, lacks a
   *     column, has a price that is not a number above zero, or gives one symbol two prices
   */
  public static Prices read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw Errors.badPrices(file.toString(), "cannot read it: " + Errors.firstLine(e));
    }
    if (lines.isEmpty()) {
      throw Errors.badPrices(file.toString(), "the file is empty");
    }
    List<String> header = cells(lines.get(0).replace("\uFEFF", ""));
    int symbolAt = header.indexOf("symbol");
    int priceAt = header.indexOf("price");
    if (symbolAt < 0 || priceAt < 0) {
      throw Errors.badPrices(
          file.toString(), "the header has no " + (symbolAt < 0 ? "symbol" : "price") + " column");
    }
    SortedMap<String, BigDecimal> map = new TreeMap<>();
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      List<String> cells = cells(lines.get(n));
      String where = "line " + (n + 1);
      if (cells.size() <= Math.max(symbolAt, priceAt) || cells.get(symbolAt).isBlank()) {
        throw Errors.badPrices(file.toString(), where + " has no symbol or no price");
      }
      String symbol = normalize(cells.get(symbolAt));
      BigDecimal price;
      try {
        price = new BigDecimal(cells.get(priceAt));
      } catch (NumberFormatException e) {
        throw Errors.badPrices(
            file.toString(), where + ": price '" + cells.get(priceAt) + "' is not a number");
      }
      if (price.signum() <= 0 || !Money.fits(price)) {
        throw Errors.badPrices(
            file.toString(), where + ": price " + price.toPlainString() + " is not above zero");
      }
      BigDecimal previous = map.put(symbol, Money.scaled(price));
      if (previous != null && previous.compareTo(price) != 0) {
        throw Errors.badPrices(file.toString(), where + ": " + symbol + " has two prices");
      }
    }
    return new Prices(Collections.unmodifiableSortedMap(map));
  }

  /** Symbol to price at scale 18, by symbol. */
  public SortedMap<String, BigDecimal> bySymbol() {
    return bySymbol;
  }

  /** Whether no price was given. */
  public boolean isEmpty() {
    return bySymbol.isEmpty();
  }

  private static List<String> cells(String line) {
    return java.util.Arrays.stream(line.split(",", -1))
        .map(c -> c.strip().replaceAll("^\"|\"$", "").strip().toLowerCase(Locale.ROOT))
        .toList();
  }

  private static String normalize(String symbol) {
    return symbol.strip().toUpperCase(Locale.ROOT).replaceAll("[/_]", "-");
  }

  /**
   * What identifies these prices: every symbol and price, in order ({@code none} without prices).
   * Reports compare it to learn whether the prices changed since the last one.
   */
  public String digest() {
    if (bySymbol.isEmpty()) {
      return "none";
    }
    StringBuilder all = new StringBuilder();
    bySymbol.forEach(
        (symbol, price) ->
            all.append(symbol).append('=').append(price.toPlainString()).append('\n'));
    return "sha256:" + Digests.sha256(all.toString());
  }

  /** The prices as rows {@code symbol, mark_price}, possibly none. */
  Dataset<Row> rows(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    bySymbol.forEach((symbol, price) -> rows.add(RowFactory.create(symbol, price)));
    return spark.createDataFrame(rows, COLUMNS);
  }
}
