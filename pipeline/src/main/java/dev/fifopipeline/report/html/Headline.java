package dev.fifopipeline.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The report's headline numbers of one quote currency, exact. Win rate and profit factor count
 * fully matched sells only; realized pnl is over every matched allocation (the matched part of an
 * unmatched sell included).
 *
 * @param quote the quote currency of every amount
 * @param sells sells with at least one allocation
 * @param matchedSells sells fully matched to buy lots
 * @param wins matched sells with pnl above zero
 * @param losses matched sells with pnl below zero
 * @param breakeven matched sells with pnl zero
 * @param unmatchedSells sells with an unmatched rest
 * @param realizedPnl sum of pnl over every matched allocation
 * @param grossProfit sum of the winning sells' pnl
 * @param grossLoss magnitude of the losing sells' pnl
 * @param volume value sold: sell price x size, before fees
 * @param proceeds proceeds of the matched allocations
 * @param fees buy and sell fee shares of the sold sizes
 * @param openLots lots left open
 * @param openCostBasis cost basis of the open lots
 * @param unrealizedPnl market value minus cost basis of the open lots; null unless every open
 *     symbol has a price
 * @param unpricedSymbols open symbols without a price
 */
public record Headline(
    String quote,
    long sells,
    long matchedSells,
    long wins,
    long losses,
    long breakeven,
    long unmatchedSells,
    BigDecimal realizedPnl,
    BigDecimal grossProfit,
    BigDecimal grossLoss,
    BigDecimal volume,
    BigDecimal proceeds,
    BigDecimal fees,
    long openLots,
    BigDecimal openCostBasis,
    BigDecimal unrealizedPnl,
    long unpricedSymbols) {

  /** wins / matched sells, or null without matched sells. */
  public BigDecimal winRate() {
    return matchedSells == 0
        ? null
        : BigDecimal.valueOf(wins)
            .divide(BigDecimal.valueOf(matchedSells), 18, RoundingMode.HALF_UP);
  }

  /** gross profit / gross loss, or null without losses. */
  public BigDecimal profitFactor() {
    return grossLoss.signum() == 0 ? null : grossProfit.divide(grossLoss, 18, RoundingMode.HALF_UP);
  }
}
