package dev.fifopipeline.report;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exchange names of one asset that ingest's normaliser does not unify: it only upper-cases symbols
 * and turns {@code /} and {@code _} into {@code -}, so {@code XBT-USD} (Kraken's name for bitcoin)
 * and {@code BTC-USD} stay two symbols with separate lots. Known aliases: {@code XBT} and {@code
 * XDG} (Kraken's BTC and DOGE), and Kraken's four-letter legacy codes that prefix an X (crypto) or
 * Z (fiat) to the asset ({@code XXBT}, {@code XETH}, {@code ZUSD}).
 */
final class SymbolAliases {
  private static final Map<String, String> NAMES = Map.of("XBT", "BTC", "XDG", "DOGE");

  private SymbolAliases() {}

  /** The asset {@code code} names, in upper case: {@code XXBT} and {@code XBT} give {@code BTC}. */
  static String asset(String code) {
    String upper = code.strip().toUpperCase(Locale.ROOT);
    if (upper.length() == 4 && (upper.charAt(0) == 'X' || upper.charAt(0) == 'Z')) {
      upper = upper.substring(1);
    }
    return NAMES.getOrDefault(upper, upper);
  }

  /**
   * The symbols among {@code symbols}, other than {@code symbol}, that name the same base and quote
   * assets as {@code symbol} ({@code BASE-QUOTE}); empty for a symbol without a dash.
   */
  static List<String> of(String symbol, Collection<String> symbols) {
    String key = key(symbol);
    if (key == null) {
      return List.of();
    }
    return symbols.stream().filter(s -> !s.equals(symbol) && key.equals(key(s))).sorted().toList();
  }

  private static String key(String symbol) {
    int dash = symbol.indexOf('-');
    if (dash <= 0 || dash == symbol.length() - 1) {
      return null;
    }
    return asset(symbol.substring(0, dash)) + "-" + asset(symbol.substring(dash + 1));
  }
}
