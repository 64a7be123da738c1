package dev.fifopipeline.engine;

/** What {@link LotMatcher} yields: allocations as sells are processed, then the inventory left. */
public sealed interface MatchEvent permits Allocation, InventoryLot {}
