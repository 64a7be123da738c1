package dev.fifopipeline.engine;

import java.math.BigDecimal;

/** A buy lot with size left to allocate; mutable, owned by one {@link LotMatcher}. */
final class OpenLot {
  final Trade buy;

  /** Position of the buy in the processing order: ties in HIFO cost go to the earlier lot. */
  final long sequence;

  /** {@code price x size + fees} of the buy, exact: HIFO compares unit costs through it. */
  final BigDecimal totalCost;

  /** Base units not yet allocated, &gt; 0 while the lot is in a book. */
  BigDecimal remaining;

  /** Buy fees not yet carried by an allocation. */
  BigDecimal feesLeft;

  OpenLot(Trade buy, long sequence) {
    this.buy = buy;
    this.sequence = sequence;
    this.totalCost = buy.price().multiply(buy.size()).add(buy.fees());
    this.remaining = buy.size();
    this.feesLeft = buy.fees();
  }

  /** What the remaining units cost: {@code round(price x remaining) + feesLeft}. */
  BigDecimal remainingCostBasis() {
    return Money.product(buy.price(), remaining).add(feesLeft);
  }

  /**
   * Compares unit costs {@code totalCost / size} exactly by cross-multiplying.
   *
   * @return negative, zero or positive as this lot's unit cost is below, equal to or above the
   *     other's
   */
  int compareUnitCost(OpenLot other) {
    return totalCost.multiply(other.buy.size()).compareTo(other.totalCost.multiply(buy.size()));
  }
}
