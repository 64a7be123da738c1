package dev.fifopipeline.engine;

import java.util.Locale;

/** Whether a trade acquires (buy) or disposes of (sell) base units. */
public enum Side {
  BUY,
  SELL;

  /**
   * Parses {@code buy} or {@code sell} in any case, ignoring surrounding blanks.
   *
   * @throws IllegalArgumentException for anything else, including null
   */
  public static Side parse(String text) {
    if (text != null) {
      switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "buy":
          return BUY;
        case "sell":
          return SELL;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("side must be buy or sell, not '" + text + "'");
  }

  /** The lower-case name used in tables: {@code buy} or {@code sell}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
