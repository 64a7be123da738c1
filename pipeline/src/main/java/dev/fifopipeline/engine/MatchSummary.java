package dev.fifopipeline.engine;

import java.math.BigDecimal;

/**
 * Counts of one {@link LotMatcher} run, complete once the matcher is exhausted.
 *
 * @param buys buys processed
 * @param sells sells processed
 * @param allocations allocation rows emitted, matched and unmatched
 * @param unmatchedSells sells with an unmatched rest
 * @param dustLots lots closed as dust
 * @param openLots lots still open at the end
 * @param totalPnl sum of the pnl of matched allocations, scale 18
 */
public record MatchSummary(
    long buys,
    long sells,
    long allocations,
    long unmatchedSells,
    long dustLots,
    long openLots,
    BigDecimal totalPnl) {}
