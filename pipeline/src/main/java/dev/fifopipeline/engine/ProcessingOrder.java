package dev.fifopipeline.engine;

import java.util.Comparator;

/**
 * The order in which the trades of one symbol are processed: by {@code order_time}, then buys
 * before sells at the same instant, then by {@code order_id}. Arrival order never matters.
 */
public final class ProcessingOrder {
  /** Compares trades in processing order. */
  public static final Comparator<Trade> COMPARATOR =
      Comparator.comparing(Trade::time)
          .thenComparing(Trade::side) // BUY sorts before SELL
          .thenComparing(Trade::orderId);

  private ProcessingOrder() {}

  /** The rank of a side in the processing order: 0 for buys, 1 for sells. */
  public static int sideRank(Side side) {
    return side.ordinal();
  }
}
