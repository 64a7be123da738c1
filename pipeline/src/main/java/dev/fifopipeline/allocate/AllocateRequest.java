package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.MatchingMethod;
import java.time.Instant;
import java.util.Set;

/**
 * What to allocate.
 *
 * @param version allocation version, &gt;= 1
 * @param method the method, or null for the version's own (fifo for a new version)
 * @param symbols symbols to recompute; empty for all
 * @param since recompute the symbols with trades landed in the lake at or after this instant; null
 *     for no incremental run
 * @param force recompute a version that exists
 */
public record AllocateRequest(
    int version, MatchingMethod method, Set<String> symbols, Instant since, boolean force) {
  /** Copies the symbol set. */
  public AllocateRequest {
    symbols = Set.copyOf(symbols);
  }
}
