package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A buy lot not fully consumed: either still open when the input ended, or closed as dust when its
 * remaining size fell strictly below the dust threshold.
 *
 * @param account the trades' account, or null
 * @param symbol the trades' symbol
 * @param buyOrderId the buy
 * @param buyTime when the buy filled
 * @param remainingSize base units not allocated, scale 18
 * @param remainingCostBasis {@code round(price x remainingSize)} plus the buy's fees not yet
 *     carried by an allocation, scale 18
 * @param dust true when the lot was closed as dust
 */
public record InventoryLot(
    String account,
    String symbol,
    String buyOrderId,
    Instant buyTime,
    BigDecimal remainingSize,
    BigDecimal remainingCostBasis,
    boolean dust)
    implements MatchEvent {}
