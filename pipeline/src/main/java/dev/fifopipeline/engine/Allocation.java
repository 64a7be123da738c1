package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A part of a sell matched to one buy lot, or the unmatched rest of a sell.
 *
 * <p>All amounts are in quote currency at scale 18; sizes in base units at scale 18. For a matched
 * allocation {@code costBasis = round(buyPrice x size) + buyFeeShare}, {@code proceeds =
 * round(sellPrice x size) - sellFeeShare} and {@code pnl = proceeds - costBasis}. For the unmatched
 * rest ({@link #matched()} false) the buy-side fields, cost basis, pnl, holding days and term are
 * null.
 *
 * @param account the trades' account, or null
 * @param symbol the trades' symbol
 * @param sellOrderId the sell
 * @param buyOrderId the buy lot, or null for the unmatched rest
 * @param sellTime when the sell filled
 * @param buyTime when the buy filled, or null
 * @param size base units allocated, &gt; 0
 * @param sellPrice the sell's price
 * @param buyPrice the buy's price, or null
 * @param buyFeeShare the buy's fees carried by this allocation, or null
 * @param sellFeeShare the sell's fees carried by this allocation
 * @param costBasis what the allocated units cost, or null
 * @param proceeds what the allocated units fetched, net of fees
 * @param pnl realized profit (negative: loss), or null
 * @param holdingDays calendar days from buy date to sell date in the rules' zone, or null
 * @param term short or long, or null
 */
public record Allocation(
    String account,
    String symbol,
    String sellOrderId,
    String buyOrderId,
    Instant sellTime,
    Instant buyTime,
    BigDecimal size,
    BigDecimal sellPrice,
    BigDecimal buyPrice,
    BigDecimal buyFeeShare,
    BigDecimal sellFeeShare,
    BigDecimal costBasis,
    BigDecimal proceeds,
    BigDecimal pnl,
    Integer holdingDays,
    Term term)
    implements MatchEvent {

  /** Whether this allocation pairs the sell with a buy lot (false: the unmatched rest). */
  public boolean matched() {
    return buyOrderId != null;
  }
}
