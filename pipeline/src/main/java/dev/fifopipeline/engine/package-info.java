/**
 * The lot-matching engine: plain Java with no Spark, Delta, JDBC, configuration or command-line
 * code (an architecture test keeps it so).
 *
 * <p>{@link dev.fifopipeline.engine.LotMatcher} takes the trades of one (account, symbol) in
 * {@linkplain dev.fifopipeline.engine.ProcessingOrder processing order} and lazily yields {@link
 * dev.fifopipeline.engine.Allocation allocations} and, at the end, the {@link
 * dev.fifopipeline.engine.InventoryLot inventory} left. It holds only the open lots, never the
 * trades already processed. All quantities and money are {@link java.math.BigDecimal} at 18 decimal
 * places ({@link dev.fifopipeline.engine.Money}); the engine never logs.
 */
package dev.fifopipeline.engine;
